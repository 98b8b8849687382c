package io.thanosjvm.demo;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Prepares the demo bucket under a data directory: {@code <dir>/bucket} is a FILESYSTEM bucket; when it holds no
 * block yet, {@link #DAYS} days of synthetic data ending at the last 2h boundary are generated as 2h blocks for two
 * replicas ({@code cluster="demo"}, {@code replica="a"|"b"} and the labels of the tenant the live demo writes as,
 * identical samples, so deduplication shows) and uploaded meta.json last, like any producer would. Later samples
 * come from {@link DemoGenerator} through receive's head.
 */
public final class DemoBucket {

  /** Days of data generated. */
  public static final int DAYS = 3;
  /** Series per replica. */
  public static final int SERIES = 120;
  /** Sample interval. */
  public static final long STEP_MS = 60_000;
  /** Seed of the synthetic series. */
  public static final long SEED = 42;
  /** The HA replicas, each a copy of the same series. */
  public static final List<String> REPLICAS = List.of("a", "b");

  private DemoBucket() {}

  /**
   * Ensures the bucket exists with data and returns its directory.
   *
   * @param tenantLabels external labels the receive head adds to what {@link DemoGenerator} writes (its tenant), so
   *     history and live samples form the same series
   * @param log progress lines for the user
   */
  public static Path prepare(Path dataDir, Map<String, String> tenantLabels, Clock clock, PrintStream log)
      throws IOException {
    Path bucketDir = Files.createDirectories(dataDir.resolve("bucket"));
    int existing = countBlocks(bucketDir);
    if (existing > 0) {
      log.println("demo: reusing " + existing + " blocks in " + bucketDir);
      return bucketDir;
    }
    long block = 7_200_000L;
    long duration = DAYS * 86_400_000L;
    // history ends at the last 2h boundary: its newest block's max time is then its last sample's successor on the
    // step grid, where the live generator continues (through receive's head, up to now)
    long end = Math.floorDiv(clock.millis(), block) * block;
    long start = end - duration;
    log.println("demo: generating " + DAYS + " days of data (" + SERIES + " series x 2 replicas, 2h blocks) into "
        + bucketDir + " ...");
    Path work = dataDir.resolve("generate.tmp");
    deleteTree(work);
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      BlockUploader uploader = new BlockUploader(bucket, clock);
      for (String replica : REPLICAS) {
        // same data seed for both replicas; a later clock for "b" keeps its block ULIDs distinct from "a"'s
        Clock ulidClock = replica.equals("a") ? clock : Clock.offset(clock, java.time.Duration.ofMinutes(1));
        TreeMap<String, String> labels = new TreeMap<>(tenantLabels);
        labels.put("cluster", "demo");
        labels.put("replica", replica);
        Path out = work.resolve(replica);
        List<BlockMeta> metas = new GenerateCommand(ulidClock).generate(new GenerateCommand.Options(out, SERIES, start,
            end - start, STEP_MS, block, SEED, labels));
        for (BlockMeta m : metas) {
          uploader.upload(out.resolve(m.ulid()), new UploadOptions(labels, "demo", 0, true));
        }
      }
    } finally {
      deleteTree(work);
    }
    log.println("demo: " + countBlocks(bucketDir) + " blocks ready");
    return bucketDir;
  }

  /**
   * The time span of the blocks in the bucket: {@code [min time, max time)} over every block's meta.json, or
   * empty when it has none.
   */
  public static Optional<long[]> span(Path bucketDir) throws IOException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try (Stream<Path> s = Files.list(bucketDir)) {
      for (Path p : s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()))
          .filter(p -> Files.exists(p.resolve(BlockMeta.FILE_NAME))).toList()) {
        BlockMeta m = BlockMeta.read(p.resolve(BlockMeta.FILE_NAME));
        min = Math.min(min, m.minTime());
        max = Math.max(max, m.maxTime());
      }
    }
    return min == Long.MAX_VALUE ? Optional.empty() : Optional.of(new long[] {min, max});
  }

  private static int countBlocks(Path bucketDir) throws IOException {
    try (Stream<Path> s = Files.list(bucketDir)) {
      return (int) s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()))
          .filter(p -> Files.exists(p.resolve(BlockMeta.FILE_NAME))).count();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
