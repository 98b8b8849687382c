package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactorTestKit.DAY;
import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The compactor's main path against any bucket: two days and two hours of 2h blocks become 8h blocks, then one 2d
 * block, which is downsampled to 5m; the 24 sources and the six 8h blocks are marked for deletion and deleted once
 * the delete delay has passed; every input sample stays visible throughout.
 */
final class CompactionScenario {

  private CompactionScenario() {}

  /**
   * Runs the scenario.
   *
   * @param promtool also compare {@code promtool tsdb dump} of the inputs and of the visible blocks
   */
  static void twoDaysOfTwoHourBlocks(Bucket bucket, Path dir, boolean promtool) throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    long start = Math.floorDiv(clock.millis() - 6 * DAY, 2 * DAY) * 2 * DAY;
    Map<String, String> labels = Map.of("cluster", "eu1");
    List<Path> inputs = CompactorTestKit.generate(dir.resolve("in"), 4, start, 50 * HOUR, 60_000, 2 * HOUR, 3, labels,
        clock.instant().minus(Duration.ofHours(2)));
    assertThat(inputs).hasSize(25);
    SortedMap<String, SortedMap<Long, Long>> expected = CompactorTestKit.union(inputs);
    CompactorTestKit.upload(bucket, clock, inputs, labels);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data")).build(),
        new BlockCompactor(), clock, registry);

    clock.advance(Duration.ofMinutes(10));
    IterationResult tooFresh = compactor.runIteration();
    assertThat(tooFresh.outcome()).isEqualTo(IterationResult.Outcome.COMPLETED);
    assertThat(tooFresh.compactions()).as("blocks younger than the consistency delay are left alone").isZero();

    clock.advance(Duration.ofHours(1));
    assertThat(compactor.updateProgress()).as("to-do computed from the plan alone")
        .isEqualTo(new CompactorMetrics.Progress(7, 30, 0, 0));
    assertThat(registry.get("thanos_compact_todo_compaction_blocks").gauge().value()).isEqualTo(30);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).isEmpty();
    IterationResult first = compactor.runIteration();
    assertThat(first.error()).isEmpty();
    assertThat(first.outcome()).isEqualTo(IterationResult.Outcome.COMPLETED);
    assertThat(first.compactions()).as("six 8h blocks, then one 2d block").isEqualTo(7);
    assertThat(first.downsampled()).isEqualTo(1);

    List<BlockMeta> raw = CompactorTestKit.visible(bucket, 0);
    assertThat(raw).extracting(m -> m.maxTime() - m.minTime()).containsExactlyInAnyOrder(48 * HOUR, 2 * HOUR);
    BlockMeta twoDays = raw.stream().filter(m -> m.maxTime() - m.minTime() == 48 * HOUR).findFirst().orElseThrow();
    assertThat(twoDays.minTime()).isEqualTo(start);
    assertThat(twoDays.compactionLevel()).isEqualTo(3);
    List<String> firstDay = inputs.subList(0, 24).stream().map(p -> p.getFileName().toString()).toList();
    assertThat(twoDays.sources()).containsExactlyInAnyOrderElementsOf(firstDay);
    assertThat(twoDays.thanos().orElseThrow().source()).isEqualTo("compactor");
    assertThat(twoDays.thanos().orElseThrow().labels()).isEqualTo(labels);
    List<BlockMeta> fiveMin = CompactorTestKit.visible(bucket, 300_000);
    assertThat(fiveMin).hasSize(1);
    assertThat(fiveMin.get(0).sources()).containsExactlyInAnyOrderElementsOf(firstDay);
    assertThat(fiveMin.get(0).minTime()).isEqualTo(start);

    TreeSet<String> marked = CompactorTestKit.markedForDeletion(bucket);
    assertThat(marked).hasSize(30).containsAll(firstDay).doesNotContain(twoDays.ulid(), fiveMin.get(0).ulid(),
        inputs.get(24).getFileName().toString());
    assertThat(CompactorTestKit.visibleRawSamples(bucket, dir.resolve("check"))).isEqualTo(expected);
    CompactorTestKit.assertEveryVisibleBlockIsWhole(bucket);
    if (promtool) {
      assertSameDump(bucket, dir, inputs);
    }
    assertThat(counter(registry, "thanos_compact_group_compactions", "resolution", "0")).isEqualTo(7);
    assertThat(counter(registry, "thanos_compact_blocks_marked", "marker", "deletion-mark.json", "reason", ""))
        .isEqualTo(30);
    assertThat(counter(registry, "thanos_compact_garbage_collected_blocks")).isEqualTo(30);
    assertThat(counter(registry, "thanos_compact_downsample", "group", GroupKey.of(0, labels))).isEqualTo(1);
    assertThat(counter(registry, "thanos_compact_iterations")).isEqualTo(2);
    assertThat(registry.get("thanos_compact_halted").gauge().value()).isZero();
    assertThat(registry.get("thanos_compact_todo_compactions").gauge().value()).isZero();
    assertThat(registry.get("thanos_compact_todo_downsample_blocks").gauge().value()).isZero();

    IterationResult second = compactor.runIteration();
    assertThat(second.compactions()).isZero();
    assertThat(second.downsampled()).isZero();
    assertThat(second.deleted()).as("marks are younger than the delete delay").isZero();

    clock.advance(Duration.ofHours(49));
    List<String> deleted = compactor.cleanUp();
    assertThat(deleted).containsExactlyInAnyOrderElementsOf(marked);
    assertThat(CompactorTestKit.blockDirs(bucket)).containsExactlyInAnyOrder(twoDays.ulid(), fiveMin.get(0).ulid(),
        inputs.get(24).getFileName().toString());
    assertThat(counter(registry, "thanos_compact_blocks_cleaned")).isEqualTo(30);
    assertThat(CompactorTestKit.visibleRawSamples(bucket, dir.resolve("check"))).isEqualTo(expected);
  }

  /** promtool prints the same samples for the inputs and for the blocks now visible. */
  private static void assertSameDump(Bucket bucket, Path dir, List<Path> inputs) throws Exception {
    Path visibleDir = Files.createDirectories(dir.resolve("visible"));
    for (BlockMeta m : CompactorTestKit.visible(bucket, 0)) {
      new BlockDownloader(bucket).download(m.ulid(), visibleDir);
    }
    String[] before = Promtool.dump(inputs.get(0).getParent()).split("\n");
    String[] after = Promtool.dump(visibleDir).split("\n");
    Arrays.sort(before);
    Arrays.sort(after);
    assertThat(before).as("one line per input sample").hasSize(4 * 50 * 60);
    assertThat(after).containsExactly(before);
    Promtool.deleteTree(visibleDir);
  }

  static double counter(SimpleMeterRegistry registry, String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
