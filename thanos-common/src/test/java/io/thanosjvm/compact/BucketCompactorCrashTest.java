package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactorTestKit.DAY;
import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety against a real S3 server (S3Proxy): a child JVM ({@link CompactorCrashMain}) compacts, downsamples
 * and later deletes blocks and is killed with SIGKILL at random moments (four seeds, up to five kills each: up to
 * 20 runs cut short). After
 * every kill no block is half visible (each meta.json lists only files that exist at their size) and the union
 * of the samples of the visible raw blocks equals the input; restarted runs finish the work (2d and 5m blocks,
 * sources deleted after the delete delay) with nothing lost.
 */
class BucketCompactorCrashTest {

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void killedCompactorsLoseNothingAndNeverShowAHalfBlock() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
      for (long seed : new long[] {11, 23, 37, 53}) {
        runSeed(s3, seed);
      }
    }
  }

  private void runSeed(S3ProxyServer s3, long seed) throws Exception {
    Random random = new Random(seed);
    String bucketName = "crash-" + seed;
    s3.createBucket(bucketName);
    Path work = Files.createDirectories(dir.resolve("seed-" + seed));
    Path config = Files.writeString(work.resolve("objstore.yml"), String.join("\n", "type: S3", "config:",
        "  bucket: " + bucketName, "  endpoint: " + s3.endpoint(), "  insecure: true", "  bucket_lookup_type: path",
        "  access_key: " + S3ProxyServer.ACCESS_KEY, "  secret_key: " + S3ProxyServer.SECRET_KEY, ""));
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long start = Math.floorDiv(t0.toEpochMilli() - 6 * DAY, 2 * DAY) * 2 * DAY;
    Map<String, String> labels = Map.of("cluster", "eu1");
    List<Path> inputs = CompactorTestKit.generate(work.resolve("in"), 3, start, 50 * HOUR, 60_000, 2 * HOUR, seed,
        labels, t0.minus(Duration.ofHours(2)));
    SortedMap<String, SortedMap<Long, Long>> expected = CompactorTestKit.union(inputs);
    try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromFile(config), new SimpleMeterRegistry(),
        Clock.systemUTC())) {
      CompactorTestKit.upload(bucket, Clock.fixed(t0, java.time.ZoneOffset.UTC), inputs, labels);
      long compactTime = t0.plus(Duration.ofHours(1)).toEpochMilli();
      int kills = killRepeatedly(random, work, config, compactTime, "iterate", 3, 1500, bucket, expected);
      runToEnd(work, config, compactTime, "iterate");
      assertConsistent(bucket, work, expected);
      List<BlockMeta> raw = CompactorTestKit.visible(bucket, 0);
      assertThat(raw).extracting(m -> m.maxTime() - m.minTime()).containsExactlyInAnyOrder(48 * HOUR, 2 * HOUR);
      assertThat(CompactorTestKit.visible(bucket, 300_000)).hasSize(1);

      long cleanupTime = t0.plus(Duration.ofHours(50)).toEpochMilli();
      kills += killRepeatedly(random, work, config, cleanupTime, "cleanup", 2, 400, bucket, expected);
      runToEnd(work, config, cleanupTime, "cleanup");
      assertConsistent(bucket, work, expected);
      assertThat(CompactorTestKit.blockDirs(bucket)).as("seed %s: only the 2d, 2h and 5m blocks are left", seed)
          .hasSize(3);
      assertThat(kills).as("seed %s: the children were killed mid-work", seed).isPositive();
    }
  }

  /**
   * Starts children of {@code mode} and kills each at a random moment after its first visible effect on the bucket
   * (a new block directory while compacting, a deleted one while cleaning up), until one finishes on its own or
   * {@code maxKills} were killed; checks the bucket after every kill and returns the kills.
   */
  private int killRepeatedly(Random random, Path work, Path config, long clockMs, String mode, int maxKills,
      int maxDelayMs, Bucket bucket, SortedMap<String, SortedMap<Long, Long>> expected) throws Exception {
    int kills = 0;
    for (int i = 0; i < maxKills; i++) {
      String name = mode + "-" + i;
      int before = CompactorTestKit.blockDirs(bucket).size();
      Process p = start(work, config, clockMs, mode, name);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.isAlive() && CompactorTestKit.blockDirs(bucket).size() == before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (p.waitFor(random.nextInt(maxDelayMs), TimeUnit.MILLISECONDS)) {
        assertThat(p.exitValue()).as("%s: %s", name, log(work, name)).isZero();
        return kills;
      }
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      kills++;
      System.out.printf("%s: killed %s; %s block dirs before, %s after, %s marked for deletion%n",
          work.getFileName(), name, before, CompactorTestKit.blockDirs(bucket).size(),
          CompactorTestKit.markedForDeletion(bucket).size());
      assertConsistent(bucket, work, expected);
    }
    return kills;
  }

  private static void assertConsistent(Bucket bucket, Path work, SortedMap<String, SortedMap<Long, Long>> expected)
      throws Exception {
    CompactorTestKit.assertEveryVisibleBlockIsWhole(bucket);
    assertThat(CompactorTestKit.visibleRawSamples(bucket, work.resolve("check"))).isEqualTo(expected);
  }

  private Process start(Path work, Path config, long clockMs, String mode, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CompactorCrashMain.class.getName(), config.toString(),
        work.resolve("data").toString(), Long.toString(clockMs), mode)
        .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
  }

  private void runToEnd(Path work, Path config, long clockMs, String mode) throws Exception {
    Process p = start(work, config, clockMs, mode, mode + "-final");
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s final run ends", mode).isTrue();
    assertThat(p.exitValue()).as("%s final run: %s", mode, log(work, mode + "-final")).isZero();
  }

  private static String log(Path work, String name) throws Exception {
    return Files.readString(work.resolve(name + ".log"));
  }
}
