package io.thanosjvm.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the shipper against crashes: a child JVM ({@link ShipOnceMain}) ships two blocks to a
 * real S3 server (S3Proxy) through {@link ThrottlingProxy}; it is killed with SIGKILL while the second, large
 * block is being uploaded. The bucket then shows no block whose meta.json points at missing files; restarted
 * (without the throttle), the shipper uploads the large block once and not the first again; a third run
 * uploads nothing.
 */
class ShipperCrashTest {

  private static final long TWO_HOURS = 7_200_000L;

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void aKilledUploadLeavesNoHalfBlockVisibleAndTheRestartShipsItExactlyOnce() throws Exception {
    Path tsdb = dir.resolve("data");
    String small = TestBlocks.generate(tsdb, 2, 2, Map.of()).get(0).ulid();
    String large = new GenerateCommand(Clock.fixed(Instant.ofEpochMilli(TestBlocks.START + 3 * TWO_HOURS),
        ZoneOffset.UTC)).generate(new GenerateCommand.Options(tsdb, 300, TestBlocks.START + TWO_HOURS, TWO_HOURS,
            5_000, TWO_HOURS, 11, new TreeMap<>())).get(0).ulid();
    assertThat(Files.size(tsdb.resolve(large).resolve("chunks/000001"))).isGreaterThan(400_000);

    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
        ThrottlingProxy slow = new ThrottlingProxy(s3.port(), 64 * 1024)) {
      s3.createBucket("blocks");
      Path slowConfig = config("slow.yml", slow.port());
      Path fastConfig = config("fast.yml", s3.port());
      try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromFile(fastConfig), new SimpleMeterRegistry(),
          Clock.systemUTC())) {
        Process first = start(tsdb, slowConfig, "first");
        await(() -> bucket.exists(small + "/meta.json"), first, "the small block to be shipped");
        long before = slow.sent();
        await(() -> slow.sent() > before + 100_000, first, "the large block's upload to be under way");
        assertThat(first.isAlive()).as("still uploading when killed").isTrue();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertEveryVisibleBlockIsWhole(bucket, tsdb);
        assertThat(bucket.exists(large + "/meta.json")).isFalse();
        assertThat(ShipperMetaFile.read(tsdb.resolve("thanos.shipper.json")).uploaded()).containsExactly(small);

        assertThat(runToEnd(tsdb, fastConfig, "second")).isEqualTo("uploaded 1");
        assertEveryVisibleBlockIsWhole(bucket, tsdb);
        assertThat(bucket.exists(large + "/meta.json")).isTrue();
        assertThat(runToEnd(tsdb, fastConfig, "third")).isEqualTo("uploaded 0");
        assertThat(ShipperMetaFile.read(tsdb.resolve("thanos.shipper.json")).uploaded())
            .containsExactly(small, large);
        assertThat(tsdb.resolve("thanos/upload")).isEmptyDirectory();
      }
    }
  }

  /** Every block with a meta.json has every file it lists, with the local content. */
  private static void assertEveryVisibleBlockIsWhole(Bucket bucket, Path tsdb) throws Exception {
    List<String> ids = new ArrayList<>();
    bucket.iter("", name -> ids.add(name.replace("/", "")));
    for (String id : ids) {
      if (!bucket.exists(id + "/meta.json")) {
        continue;
      }
      BlockMeta meta;
      try (InputStream in = bucket.get(id + "/meta.json")) {
        meta = BlockMeta.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), id);
      }
      List<BlockFile> files = meta.thanos().orElseThrow().files();
      assertThat(files).extracting(BlockFile::relPath).contains("index", "chunks/000001");
      for (BlockFile f : files) {
        if (f.relPath().equals("meta.json")) {
          continue;
        }
        assertThat(bucket.exists(id + "/" + f.relPath())).as("%s/meta.json lists %s", id, f.relPath()).isTrue();
        try (InputStream in = bucket.get(id + "/" + f.relPath())) {
          byte[] remote = in.readAllBytes();
          assertThat((long) remote.length).as("%s/%s size", id, f.relPath()).isEqualTo(f.sizeBytes());
          assertThat(sha256(remote)).as("%s/%s content", id, f.relPath())
              .isEqualTo(sha256(Files.readAllBytes(tsdb.resolve(id).resolve(f.relPath()))));
        }
      }
    }
  }

  private Path config(String name, int port) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", "type: S3", "config:", "  bucket: blocks",
        "  endpoint: 127.0.0.1:" + port, "  insecure: true", "  bucket_lookup_type: path",
        "  access_key: " + S3ProxyServer.ACCESS_KEY, "  secret_key: " + S3ProxyServer.SECRET_KEY, ""));
  }

  private Process start(Path tsdb, Path config, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), ShipOnceMain.class.getName(), tsdb.toString(), config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  private String runToEnd(Path tsdb, Path config, String name) throws Exception {
    Process p = start(tsdb, config, name);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s run ends", name).isTrue();
    List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
    assertThat(p.exitValue()).as("%s run: %s", name, lines).isZero();
    return lines.stream().filter(l -> l.startsWith("uploaded ")).findFirst().orElseThrow();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private void await(Condition c, Process child, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!c.holds()) {
      if (!child.isAlive()) {
        throw new AssertionError("child exited waiting for " + what + ": "
            + Files.readString(dir.resolve("first.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
