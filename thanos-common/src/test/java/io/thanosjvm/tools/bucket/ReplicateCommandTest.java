package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bucket replicate} between two filesystem buckets: the chosen blocks arrive byte for byte (SHA-256 of
 * every file equal), a second run copies nothing, blocks marked for deletion stay behind with {@code
 * --ignore-marked-for-deletion}, and the label, resolution and ID filters choose as Thanos' do.
 */
class ReplicateCommandTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-21T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path fromDir;
  Path toDir;
  String from;
  String to;
  List<String> eu;
  List<String> us;
  String downsampled;

  @BeforeEach
  void seed() throws Exception {
    fromDir = Files.createDirectories(tmp.resolve("from"));
    toDir = Files.createDirectories(tmp.resolve("to"));
    from = "--objstore.config={type: FILESYSTEM, config: {directory: " + fromDir + "}}";
    to = "--objstore-to.config={type: FILESYSTEM, config: {directory: " + toDir + "}}";
    FilesystemBucket bucket = new FilesystemBucket(fromDir);
    eu = upload(bucket, "eu", 6, 0);
    us = upload(bucket, "us", 4, 0);
    downsampled = upload(bucket, "eu5m", 2, 300_000).get(0);
    new Markers(bucket, CLOCK).mark(eu.get(2), MarkerKind.DELETION, "test", null);
  }

  @Test
  void replicatesChosenBlocksByteForByteAndSkipsThemTheSecondTime() throws Exception {
    String out = run(from, to, "--matcher=cluster=\"eu\"", "--ignore-marked-for-deletion", "--single-run");
    // eu's third block is marked for deletion; the 5m block has cluster="eu" too
    assertThat(out).contains("msg=\"replication done\" replicated=3 already_replicated=0");
    assertThat(blocks(toDir)).containsExactlyInAnyOrder(eu.get(0), eu.get(1), downsampled);
    for (String id : List.of(eu.get(0), eu.get(1), downsampled)) {
      assertThat(checksums(toDir.resolve(id))).isEqualTo(checksums(fromDir.resolve(id))).containsKeys("index",
          "meta.json", "chunks/000001");
    }
    Map<String, String> before = checksums(toDir);
    long modified = Files.getLastModifiedTime(toDir.resolve(eu.get(0)).resolve("index")).toMillis();

    String again = run(from, to, "--matcher=cluster=\"eu\"", "--ignore-marked-for-deletion", "--single-run");
    assertThat(again).contains("msg=\"replication done\" replicated=0 already_replicated=3 bytes=0")
        .contains("msg=\"skipping block as already replicated\" block_uuid=" + eu.get(0));
    assertThat(checksums(toDir)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(toDir.resolve(eu.get(0)).resolve("index")).toMillis()).isEqualTo(modified);
  }

  @Test
  void filtersChooseByLabelsResolutionLevelAndId() throws Exception {
    // without --ignore-marked-for-deletion Thanos copies marked blocks too, but never their marks
    run(from, to, "--matcher=cluster=~\"e.*\"", "--resolution=0s", "--single-run");
    assertThat(blocks(toDir)).containsExactlyElementsOf(eu.stream().sorted().toList());
    assertThat(Files.exists(toDir.resolve(eu.get(2)).resolve("deletion-mark.json"))).isFalse();

    run(from, to, "--resolution=5m", "--single-run");
    assertThat(blocks(toDir)).contains(downsampled).doesNotContainAnyElementsOf(us);

    run(from, to, "--compaction=2", "--single-run");
    assertThat(blocks(toDir)).doesNotContainAnyElementsOf(us);

    String out = run(from, to, "--id=" + us.get(0));
    assertThat(out).contains("replicated=1 ");
    assertThat(blocks(toDir)).contains(us.get(0)).doesNotContain(us.get(1));
  }

  @Test
  void badFlagsAreUsageErrors() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(new ReplicateCommand(CLOCK).run(List.of(from, "--single-run"), new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--objstore-to.config");
    err.reset();
    assertThat(new ReplicateCommand(CLOCK).run(List.of(from, to, "--compaction-min=3", "--compaction-max=2"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("compaction-min must be less than or equal to compaction-max");
  }

  private List<String> upload(FilesystemBucket bucket, String cluster, int hours, long resolution)
      throws IOException {
    Path local = tmp.resolve("local-" + cluster);
    List<BlockMeta> metas = new GenerateCommand(CLOCK).generate(new GenerateCommand.Options(local, 5,
        TestBlocks.START, hours * 3_600_000L, 60_000, 7_200_000, cluster.hashCode(), new TreeMap<>()));
    for (BlockMeta m : metas) {
      new BlockUploader(bucket, CLOCK).upload(local.resolve(m.ulid()), new UploadOptions(
          Map.of("cluster", cluster.replace("5m", "")), "sidecar", resolution, true));
    }
    return metas.stream().map(BlockMeta::ulid).sorted().toList();
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new ReplicateCommand(CLOCK).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(o + err.toString(StandardCharsets.UTF_8)).isZero();
    return o;
  }

  private static List<String> blocks(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(BlockMeta::isUlid).sorted().toList();
    }
  }

  private static Map<String, String> checksums(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
