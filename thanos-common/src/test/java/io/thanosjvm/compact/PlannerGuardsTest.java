package io.thanosjvm.compact;

import static io.thanosjvm.compact.TestMetas.id;
import static io.thanosjvm.compact.TestMetas.ids;
import static io.thanosjvm.compact.TestMetas.meta;
import static io.thanosjvm.compact.TestMetas.thanos;
import static io.thanosjvm.compact.TestMetas.withSources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Overlaps (vertical compaction or halt), the index-size guard, downsampled blocks and shared sources. */
class PlannerGuardsTest {

  private static final List<Long> RANGES = List.of(20L, 60L, 180L, 540L, 1620L);
  private static final Planner VERTICAL = new Planner(new PlannerConfig(RANGES, true, 0), IndexSizes.UNAVAILABLE);
  private static final Planner HORIZONTAL =
      new Planner(new PlannerConfig(RANGES, false, 0), IndexSizes.UNAVAILABLE);

  private static PlanResult.Compact compact(PlanResult r) {
    assertThat(r).isInstanceOf(PlanResult.Compact.class);
    return (PlanResult.Compact) r;
  }

  private static HaltException halt(PlanResult r) {
    assertThat(r).isInstanceOf(PlanResult.Halt.class);
    return ((PlanResult.Halt) r).error();
  }

  @Test
  void blocksOverlappingByOneMillisecondAreMergedVertically() throws IOException {
    PlanResult.Compact c = compact(VERTICAL.plan("g", List.of(meta(1, 0, 20), meta(2, 19, 40), meta(3, 40, 60)),
        Set.of()));
    assertThat(c.blockIds()).isEqualTo(ids(1, 2));
    assertThat(c.vertical()).isTrue();
  }

  @Test
  void theOverlapIsFoundAfterTouchingBlocks() throws IOException {
    // 1 and 2 touch (maxTime is exclusive); 3 starts inside 2
    assertThat(compact(VERTICAL.plan("g", List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 30, 50)), Set.of()))
        .blockIds()).isEqualTo(ids(2, 3));
  }

  @Test
  void aChainOfOverlapsIsPlannedAsOneRun() throws IOException {
    assertThat(compact(VERTICAL.plan("g", List.of(meta(1, 0, 20), meta(2, 10, 40), meta(3, 30, 50)), Set.of()))
        .blockIds()).isEqualTo(ids(1, 2, 3));
  }

  @Test
  void onlyTheFirstRunOfOverlapsIsPlanned() throws IOException {
    List<BlockMeta> metas = List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 25, 35), meta(4, 40, 60),
        meta(5, 45, 55));
    assertThat(compact(VERTICAL.plan("g", metas, Set.of())).blockIds()).isEqualTo(ids(2, 3));
  }

  @Test
  void overlapsArePlannedBeforeReadyLevelWindows() throws IOException {
    // [1,2,3] would be a complete 60 window, but 4 and 5 overlap and come first
    List<BlockMeta> metas = List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80),
        meta(5, 65, 85));
    assertThat(compact(VERTICAL.plan("g", metas, Set.of())).blockIds()).isEqualTo(ids(4, 5));
  }

  @Test
  void aLevelPlanIsNotVertical() throws IOException {
    List<BlockMeta> metas = List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80));
    PlanResult.Compact c = compact(HORIZONTAL.plan("g", metas, Set.of()));
    assertThat(c.blockIds()).isEqualTo(ids(1, 2, 3));
    assertThat(c.vertical()).isFalse();
  }

  @Test
  void anOverlapWithoutVerticalCompactionHaltsNamingBothBlocksAndTheFix() throws IOException {
    HaltException e = halt(HORIZONTAL.plan("0@123", List.of(meta(1, 0, 20), meta(2, 19, 40)), Set.of()));
    assertThat(e.blockIds()).isEqualTo(ids(1, 2));
    assertThat(e.getMessage()).contains("pre compaction overlap check", "0@123", id(1), id(2),
        "--compact.enable-vertical-compaction", "--deduplication.replica-label");
  }

  @Test
  void theHaltNamesTheBlockThatReachesFurthest() throws IOException {
    // 1 covers 0-100; 2 (10-20) is inside it
    HaltException e = halt(HORIZONTAL.plan("g", List.of(meta(2, 10, 20), meta(1, 0, 100), meta(3, 30, 40)),
        Set.of()));
    assertThat(e.blockIds()).isEqualTo(ids(1, 2));
  }

  @Test
  void replicaLabelsEnableVerticalCompaction() throws IOException {
    Planner p = new Planner(PlannerConfig.fromFlags(false, List.of("replica"), 4, 0), IndexSizes.UNAVAILABLE);
    assertThat(compact(p.plan("g", List.of(meta(1, 0, 7_200_000), meta(2, 0, 7_200_000)), Set.of())).vertical())
        .isTrue();
  }

  @Test
  void noCompactBlocksAreLeftOutOfVerticalPlans() throws IOException {
    assertThat(VERTICAL.plan("g", List.of(meta(1, 0, 20), meta(2, 10, 30)), Set.copyOf(ids(2))))
        .isInstanceOf(PlanResult.Idle.class);
  }

  @Test
  void noCompactBlocksStillTakePartInTheOverlapHalt() throws IOException {
    assertThat(halt(HORIZONTAL.plan("g", List.of(meta(1, 0, 20), meta(2, 10, 30)), Set.copyOf(ids(2))))
        .blockIds()).isEqualTo(ids(1, 2));
  }

  private static List<BlockMeta> withIndexes(long a, long b, long c) {
    return List.of(thanos(1, 0, 20, Map.of(), 0, a), thanos(2, 20, 40, Map.of(), 0, b),
        thanos(3, 40, 60, Map.of(), 0, c), thanos(4, 60, 80, Map.of(), 0, 1));
  }

  @Test
  void aPlanBelowEightyFivePercentOfTheIndexLimitIsKept() throws IOException {
    Planner p = new Planner(new PlannerConfig(RANGES, false, 100), IndexSizes.UNAVAILABLE);
    PlanResult.Compact c = compact(p.plan("g", withIndexes(10, 50, 10), Set.of()));
    assertThat(c.blockIds()).isEqualTo(ids(1, 2, 3));
    assertThat(c.newNoCompactMarks()).isEmpty();
  }

  @Test
  void reachingEightyFivePercentOfTheIndexLimitMarksTheBiggestBlockAndReplans() throws IOException {
    // totals 10, 75, 85 >= 85: biggest so far is 2; without 2 the 60 window splits into singles, nothing else
    Planner p = new Planner(new PlannerConfig(RANGES, false, 100), IndexSizes.UNAVAILABLE);
    PlanResult r = p.plan("g", withIndexes(10, 65, 10), Set.of());
    assertThat(r).isInstanceOf(PlanResult.Idle.class);
    assertThat(r.newNoCompactMarks()).singleElement().satisfies(m -> {
      assertThat(m.blockId()).isEqualTo(id(2));
      assertThat(m.reason()).isEqualTo("index-size-exceeding");
      assertThat(m.details()).contains("100");
    });
  }

  @Test
  void aMarkedBigBlockLeavesTheRestOfTheWindowToCompact() throws IOException {
    // 1 alone reaches the limit: marked; 2 and 3 then form the first run of the 60 window
    Planner p = new Planner(new PlannerConfig(RANGES, false, 100), IndexSizes.UNAVAILABLE);
    PlanResult.Compact c = compact(p.plan("g", withIndexes(90, 10, 10), Set.of()));
    assertThat(c.blockIds()).isEqualTo(ids(2, 3));
    assertThat(c.newNoCompactMarks()).extracting(NoCompactRequest::blockId).containsExactly(id(1));
  }

  @Test
  void indexSizesMissingFromMetaAreAskedFor() throws IOException {
    Map<String, Long> sizes = Map.of(id(1), 10L, id(2), 80L, id(3), 10L);
    Planner p = new Planner(new PlannerConfig(RANGES, false, 100), sizes::get);
    List<BlockMeta> metas = List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80));
    assertThat(p.plan("g", metas, Set.of()).newNoCompactMarks()).extracting(NoCompactRequest::blockId)
        .containsExactly(id(2));
  }

  @Test
  void anUnreadableIndexSizeFailsThePlan() {
    Planner p = new Planner(new PlannerConfig(RANGES, false, 100), IndexSizes.UNAVAILABLE);
    List<BlockMeta> metas = List.of(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80));
    assertThatThrownBy(() -> p.plan("g", metas, Set.of())).isInstanceOf(IOException.class).hasMessageContaining(id(1));
  }

  @Test
  void overlappingDownsampledBlocksGetNoCompactMarksInsteadOfVerticalCompaction() throws IOException {
    List<BlockMeta> metas = List.of(thanos(1, 0, 20, Map.of("a", "1"), 300_000, 0),
        thanos(2, 10, 30, Map.of("a", "1"), 300_000, 0), thanos(3, 30, 40, Map.of("a", "1"), 300_000, 0));
    PlanResult r = VERTICAL.plan("300000@1", metas, Set.of());
    assertThat(r).isInstanceOf(PlanResult.Idle.class);
    assertThat(r.newNoCompactMarks()).extracting(NoCompactRequest::blockId).containsExactly(id(1), id(2));
    assertThat(r.newNoCompactMarks()).extracting(NoCompactRequest::reason)
        .containsOnly("downsample-vertical-compaction");
  }

  @Test
  void overlappingRawBlocksAreNotMarked() throws IOException {
    List<BlockMeta> metas = List.of(thanos(1, 0, 20, Map.of(), 0, 0), thanos(2, 10, 30, Map.of(), 0, 0));
    PlanResult.Compact c = compact(VERTICAL.plan("g", metas, Set.of()));
    assertThat(c.blockIds()).isEqualTo(ids(1, 2));
    assertThat(c.newNoCompactMarks()).isEmpty();
  }

  @Test
  void planBlocksSharingACompactionSourceHalt() throws IOException {
    List<BlockMeta> metas = List.of(withSources(1, 0, 20, 10, 11), withSources(2, 20, 40, 11, 12),
        meta(3, 40, 60), meta(4, 60, 80));
    HaltException e = halt(HORIZONTAL.plan("g", metas, Set.of()));
    assertThat(e.blockIds()).isEqualTo(ids(1, 2));
    assertThat(e.getMessage()).contains("overlapping sources", id(11));
  }
}
