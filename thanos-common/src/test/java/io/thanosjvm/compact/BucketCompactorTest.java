package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactorTestKit.DAY;
import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.RecordingBucket;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BucketCompactor} with the streaming {@link BlockCompactor} against a filesystem bucket. */
class BucketCompactorTest {

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private BucketCompactor compactor(Bucket bucket, CompactorSettings settings) {
    return new BucketCompactor(bucket, settings, new BlockCompactor(), clock, registry);
  }

  private List<Path> uploadBlocks(Bucket bucket, String sub, long start, long duration, long seed,
      Map<String, String> labels) throws Exception {
    List<Path> blocks = CompactorTestKit.generate(dir.resolve(sub), 3, start, duration, 60_000, 2 * HOUR, seed, labels,
        clock.instant().minus(Duration.ofHours(3)));
    CompactorTestKit.upload(bucket, clock, blocks, labels);
    return blocks;
  }

  private static String id(Path block) {
    return block.getFileName().toString();
  }

  @Test
  void compactsTwoHourBlocksInto2dDownsamplesItAndDeletesTheSourcesAfterTheDelay() throws Exception {
    CompactionScenario.twoDaysOfTwoHourBlocks(new FilesystemBucket(dir.resolve("bucket")), dir, true);
  }

  @Test
  void replicaBlocksAreMergedIntoOneDeduplicatedBlockWithoutTheReplicaLabel() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 2 * DAY, 8 * HOUR) * 8 * HOUR;
    // two HA replicas scraping the same targets: identical samples, blocks differing only in the replica label
    List<Path> a = replica(bucket, "a", start, clock.instant().minus(Duration.ofHours(3)));
    List<Path> b = replica(bucket, "b", start, clock.instant().minus(Duration.ofHours(4)));
    assertThat(b).extracting(BucketCompactorTest::id).doesNotContainAnyElementsOf(a.stream().map(BucketCompactorTest::id)
        .toList());
    clock.advance(Duration.ofHours(1));
    var expected = CompactorTestKit.union(a);

    IterationResult r = compactor(bucket, CompactorSettings.builder(dir.resolve("data"))
        .deduplication(List.of("replica"), "").build()).runIteration();

    assertThat(r.error()).isEmpty();
    List<BlockMeta> merged = CompactorTestKit.visible(bucket, 0).stream()
        .filter(m -> m.sources().size() > 1).toList();
    assertThat(merged).isNotEmpty().allSatisfy(m -> {
      assertThat(m.thanos().orElseThrow().labels()).containsExactlyEntriesOf(Map.of("cluster", "eu"));
      assertThat(m.sources()).anySatisfy(src -> assertThat(a.stream().map(BucketCompactorTest::id)).contains(src))
          .anySatisfy(src -> assertThat(b.stream().map(BucketCompactorTest::id)).contains(src));
    });
    assertThat(CompactorTestKit.visibleRawSamples(bucket, dir.resolve("check")))
        .as("the replicas' identical samples are kept once").isEqualTo(expected);
    assertThat(registry.find("thanos_compact_group_vertical_compactions").counter().count()).isPositive();
  }

  @Test
  void blockWithOutOfOrderChunksHaltsOrIsMarkedNoCompactWhenSkipping() throws Exception {
    for (boolean skip : new boolean[] {false, true}) {
      Path root = Files.createDirectories(dir.resolve("skip-" + skip));
      Bucket bucket = new FilesystemBucket(root.resolve("bucket"));
      long start = Math.floorDiv(clock.millis() - 2 * DAY, 8 * HOUR) * 8 * HOUR;
      Map<String, String> labels = Map.of("cluster", "ooo");
      // a bad first 2h block (two overlapping chunks in one series), then three good ones and the newest
      String bad = "01JA000000000000000000BAD" + (skip ? "1" : "0");
      XorChunkWriter xor = new XorChunkWriter();
      for (int i = 0; i < 10; i++) {
        xor.append(start + i * 15_000L, i);
      }
      Path local = Files.createDirectories(root.resolve("bad"));
      try (BlockWriter w = new BlockWriter(local, bad, ThanosMeta.create(labels, 0, "sidecar"))) {
        w.addSeriesChunks(Labels.of("__name__", "m"),
            List.of(new ChunkMeta(start, start + 135_000, 0), new ChunkMeta(start + 60_000, start + 195_000, 0)),
            List.of(new Chunk(ChunkEncoding.XOR, xor.bytes()), new Chunk(ChunkEncoding.XOR, xor.bytes())));
        w.commit(start, start + 2 * HOUR);
      }
      CompactorTestKit.upload(bucket, clock, List.of(local.resolve(bad)), labels);
      List<Path> good = CompactorTestKit.generate(root.resolve("good"), 3, start + 2 * HOUR, 8 * HOUR, 60_000,
          2 * HOUR, 9, labels, clock.instant().minus(Duration.ofHours(3)));
      CompactorTestKit.upload(bucket, clock, good, labels);
      clock.advance(Duration.ofHours(1));

      IterationResult r = compactor(bucket, CompactorSettings.builder(root.resolve("data"))
          .skipOutOfOrderChunks(skip).build()).runIteration();

      Markers markers = new Markers(bucket, clock);
      if (!skip) {
        assertThat(r.outcome()).isEqualTo(IterationResult.Outcome.HALTED);
        assertThat(r.error().orElseThrow()).hasMessageContaining(bad).hasMessageContaining("out-of-order");
        assertThat(markers.read(bad, MarkerKind.NO_COMPACT)).isEmpty();
        continue;
      }
      assertThat(r.outcome()).isEqualTo(IterationResult.Outcome.COMPLETED);
      assertThat(markers.read(bad, MarkerKind.NO_COMPACT)).get().extracting(Marker::reason)
          .isEqualTo("block-index-out-of-order-chunk");
      assertThat(r.compactions()).as("the three good blocks after the bad one still compact").isEqualTo(1);
      assertThat(CompactorTestKit.visible(bucket, 0)).extracting(BlockMeta::ulid).contains(bad);
    }
  }

  /** One replica's blocks: same seed (identical samples), ULIDs from a different time. */
  private List<Path> replica(Bucket bucket, String name, long start, Instant ulidTime) throws Exception {
    Map<String, String> labels = Map.of("cluster", "eu", "replica", name);
    List<Path> blocks = CompactorTestKit.generate(dir.resolve(name), 3, start, 10 * HOUR, 60_000, 2 * HOUR, 7, labels,
        ulidTime);
    CompactorTestKit.upload(bucket, clock, blocks, labels);
    return blocks;
  }

  @Test
  void blocksAndTheirFilesAreFetchedConcurrentlyWhenConfigured() throws Exception {
    for (int concurrency : new int[] {1, 3}) {
      Path root = Files.createDirectories(dir.resolve("concurrency-" + concurrency));
      RecordingBucket bucket = new RecordingBucket(new FilesystemBucket(root.resolve("bucket")));
      long start = Math.floorDiv(clock.millis() - 2 * DAY, 8 * HOUR) * 8 * HOUR;
      Map<String, String> labels = Map.of("cluster", "c" + concurrency);
      List<Path> blocks = CompactorTestKit.generate(root.resolve("in"), 3, start, 10 * HOUR, 60_000, 2 * HOUR, 7,
          labels, clock.instant().minus(Duration.ofHours(3)));
      CompactorTestKit.upload(bucket, clock, blocks, labels);
      var expected = CompactorTestKit.union(blocks);
      clock.advance(Duration.ofHours(1));
      bucket.holdDataGetsUntilInFlight = concurrency == 1 ? 0 : 2;

      IterationResult r = compactor(bucket, CompactorSettings.builder(root.resolve("data"))
          .transferConcurrency(concurrency, concurrency).downsamplingDisabled(true).build()).runIteration();

      assertThat(r.error()).isEmpty();
      assertThat(r.compactions()).isPositive();
      if (concurrency == 1) {
        assertThat(bucket.maxDataGetsInFlight.get()).as("one file at a time").isEqualTo(1);
      } else {
        assertThat(bucket.maxDataGetsInFlight.get()).as("3 blocks x 3 files at most").isBetween(2, 9);
      }
      bucket.holdDataGetsUntilInFlight = 0;
      assertThat(CompactorTestKit.visibleRawSamples(bucket, root.resolve("check"))).isEqualTo(expected);
    }
  }

  @Test
  void fourteenDaysOfRawDataEndUpDownsampledTo5mAnd1h() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 40 * DAY, 14 * DAY) * 14 * DAY;
    Map<String, String> labels = Map.of("cluster", "us1");
    List<Path> blocks = CompactorTestKit.generate(dir.resolve("in"), 2, start, 16 * DAY, 600_000, 2 * DAY, 5, labels,
        clock.instant().minus(Duration.ofHours(3)));
    assertThat(blocks).hasSize(8);
    CompactorTestKit.upload(bucket, clock, blocks, labels);
    clock.advance(Duration.ofHours(1));

    IterationResult r = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build()).runIteration();

    assertThat(r.error()).isEmpty();
    assertThat(r.compactions()).as("seven 2d blocks into one 14d block").isEqualTo(1);
    assertThat(r.downsampled()).as("14d and 2d raw to 5m, then the 14d 5m block to 1h").isEqualTo(3);
    List<BlockMeta> oneHour = CompactorTestKit.visible(bucket, 3_600_000);
    assertThat(oneHour).hasSize(1);
    assertThat(oneHour.get(0).minTime()).isEqualTo(start);
    assertThat(oneHour.get(0).maxTime()).isEqualTo(start + 14 * DAY);
    assertThat(oneHour.get(0).sources()).containsExactlyInAnyOrderElementsOf(
        blocks.subList(0, 7).stream().map(BucketCompactorTest::id).toList());
    assertThat(oneHour.get(0).numSamples()).isPositive();
    assertThat(CompactorTestKit.visible(bucket, 300_000)).extracting(m -> m.maxTime() - m.minTime())
        .containsExactlyInAnyOrder(14 * DAY, 2 * DAY);

    IterationResult again = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build()).runIteration();
    assertThat(again.compactions()).isZero();
    assertThat(again.downsampled()).as("sources already covered by downsampled blocks").isZero();
  }

  @Test
  void noDownsampleMarkAndDisabledDownsamplingAreHonoured() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 10 * DAY, 2 * DAY) * 2 * DAY;
    Map<String, String> labels = Map.of("cluster", "ap1");
    List<Path> blocks = CompactorTestKit.generate(dir.resolve("in"), 2, start, 4 * DAY, 600_000, 2 * DAY, 5, labels,
        clock.instant().minus(Duration.ofHours(3)));
    CompactorTestKit.upload(bucket, clock, blocks, labels);
    new Markers(bucket, clock).mark(id(blocks.get(0)), MarkerKind.NO_DOWNSAMPLE, "test", Markers.REASON_MANUAL);
    clock.advance(Duration.ofHours(1));

    IterationResult disabled = compactor(bucket, CompactorSettings.builder(dir.resolve("data"))
        .downsamplingDisabled(true).build()).runIteration();
    assertThat(disabled.downsampled()).isZero();
    IterationResult enabled = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build()).runIteration();
    assertThat(enabled.downsampled()).isEqualTo(1);
    assertThat(CompactorTestKit.visible(bucket, 300_000)).singleElement()
        .satisfies(m -> assertThat(m.sources()).containsExactly(id(blocks.get(1))));
  }

  @Test
  void overlappingBlocksWithoutVerticalCompactionHaltAndNothingIsDeleted() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 3 * DAY, 8 * HOUR) * 8 * HOUR;
    Map<String, String> labels = Map.of("cluster", "eu1");
    uploadBlocks(bucket, "a", start, 4 * HOUR, 1, labels);
    uploadBlocks(bucket, "b", start + HOUR, 3 * HOUR, 2, labels);
    clock.advance(Duration.ofHours(1));
    BucketCompactor compactor = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build());

    IterationResult r = compactor.runIteration();

    assertThat(r.outcome()).isEqualTo(IterationResult.Outcome.HALTED);
    assertThat(r.error()).get().isInstanceOf(HaltException.class);
    assertThat(r.error().get().getMessage()).contains("pre compaction overlap check", "vertical compaction");
    assertThat(compactor.halted()).isTrue();
    assertThat(registry.get("thanos_compact_halted").gauge().value()).isEqualTo(1);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).isEmpty();
    assertThat(CompactorTestKit.blockDirs(bucket)).hasSize(4);
    assertThat(compactor.runIteration().outcome()).isEqualTo(IterationResult.Outcome.SKIPPED_HALTED);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_iterations")).isZero();

    BucketCompactor exiting = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data"))
        .haltOnError(false).build(), new BlockCompactor(), clock, new SimpleMeterRegistry());
    assertThatThrownBy(exiting::runIteration).isInstanceOf(HaltException.class);
  }

  @Test
  void noCompactMarkedBlockIsLeftOutOfPlans() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 3 * DAY, 2 * DAY) * 2 * DAY;
    Map<String, String> labels = Map.of("cluster", "eu1");
    List<Path> blocks = uploadBlocks(bucket, "in", start, 10 * HOUR, 1, labels);
    new Markers(bucket, clock).mark(id(blocks.get(1)), MarkerKind.NO_COMPACT, "test", Markers.REASON_MANUAL);
    clock.advance(Duration.ofHours(1));

    IterationResult r = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build()).runIteration();

    assertThat(r.compactions()).isEqualTo(1);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).containsExactlyInAnyOrder(id(blocks.get(2)),
        id(blocks.get(3)));
    assertThat(CompactorTestKit.visible(bucket).keySet()).contains(id(blocks.get(0)), id(blocks.get(1)),
        id(blocks.get(4)));
    assertThat(CompactorTestKit.visibleRawSamples(bucket, dir.resolve("check")))
        .isEqualTo(CompactorTestKit.union(blocks));
  }

  @Test
  void blocksOutsideTheTimeRangeOrDroppedByTheRelabelConfigAreNotTouched() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 3 * DAY, 2 * DAY) * 2 * DAY;
    List<Path> eu = uploadBlocks(bucket, "eu", start, 18 * HOUR, 1, Map.of("cluster", "eu1"));
    List<Path> us = uploadBlocks(bucket, "us", start, 10 * HOUR, 2, Map.of("cluster", "us1"));
    clock.advance(Duration.ofHours(1));
    CompactorSettings settings = CompactorSettings.builder(dir.resolve("data"))
        .relabelConfigs(RelabelConfigParser.parse("- action: keep\n  source_labels: [cluster]\n  regex: eu1\n"))
        .timeRange(start + 8 * HOUR + 1, Long.MAX_VALUE).build();

    IterationResult r = compactor(bucket, settings).runIteration();

    assertThat(r.compactions()).as("only the second 8h window of eu1: the first ends before --min-time")
        .isEqualTo(1);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).containsExactlyInAnyOrderElementsOf(
        eu.subList(4, 8).stream().map(BucketCompactorTest::id).toList());
    assertThat(us).allSatisfy(b -> assertThat(CompactorTestKit.visible(bucket)).containsKey(id(b)));
  }

  @Test
  void retentionMarksOnlyBlocksPastTheirResolutionsRetention() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long old = Math.floorDiv(clock.millis() - 3 * DAY, 8 * HOUR) * 8 * HOUR;
    long recent = Math.floorDiv(clock.millis() - 4 * HOUR, 2 * HOUR) * 2 * HOUR;
    List<Path> expired = uploadBlocks(bucket, "old", old, 4 * HOUR, 1, Map.of("cluster", "old"));
    List<Path> kept = uploadBlocks(bucket, "new", recent, 2 * HOUR, 2, Map.of("cluster", "new"));
    clock.advance(Duration.ofHours(1));
    CompactorSettings settings = CompactorSettings.builder(dir.resolve("data")).downsamplingDisabled(true)
        .retention(Duration.ofDays(1), Duration.ZERO, Duration.ZERO).build();

    IterationResult r = compactor(bucket, settings).runIteration();

    assertThat(r.retentionMarked()).isEqualTo(2);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).containsExactlyInAnyOrderElementsOf(
        expired.stream().map(BucketCompactorTest::id).toList()).doesNotContain(id(kept.get(0)));
    Marker mark = new Markers(bucket, clock).read(id(expired.get(0)), MarkerKind.DELETION).orElseThrow();
    assertThat(mark.details()).isEqualTo("block exceeding retention of 24h0m0s");
    assertThat(mark.timeSeconds()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(registry.get("thanos_compact_todo_deletion_blocks").gauge().value()).isEqualTo(2);
  }

  @Test
  void abortedPartialUploadsAndCutShortDeletionsAreCleanedOnceOldEnough() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    long start = Math.floorDiv(clock.millis() - 3 * DAY, 8 * HOUR) * 8 * HOUR;
    List<Path> blocks = CompactorTestKit.generate(dir.resolve("in"), 2, start, 6 * HOUR, 60_000, 2 * HOUR, 1,
        Map.of("cluster", "eu1"), clock.instant().minus(Duration.ofHours(3)));
    String partial = id(blocks.get(0));
    for (String f : List.of("chunks/000001", "index")) {
      try (InputStream in = Files.newInputStream(blocks.get(0).resolve(f))) {
        bucket.upload(partial + "/" + f, in, -1);
      }
    }
    String halfDeleted = id(blocks.get(1));
    String whole = id(blocks.get(2));
    CompactorTestKit.upload(bucket, clock, blocks.subList(1, 3), Map.of("cluster", "eu1"));
    new Markers(bucket, clock).mark(halfDeleted, MarkerKind.DELETION, "test", null);
    bucket.delete(halfDeleted + "/" + BlockMeta.FILE_NAME);
    BucketCompactor compactor = compactor(bucket, CompactorSettings.builder(dir.resolve("data")).build());

    assertThat(compactor.cleanUp()).isEmpty();
    clock.advance(Duration.ofHours(47));
    assertThat(compactor.cleanUp()).as("the half-deleted block's mark is older than the delete delay").isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(compactor.cleanUp()).containsExactlyInAnyOrder(partial, halfDeleted);

    assertThat(CompactorTestKit.blockDirs(bucket)).containsExactly(whole);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_aborted_partial_uploads_deletion_attempts"))
        .isEqualTo(1);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_blocks_cleaned")).isEqualTo(2);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_block_cleanup_loops")).isEqualTo(3);
  }
}
