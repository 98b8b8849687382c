package io.thanosjvm.compact;

import static io.thanosjvm.compact.TestMetas.failed;
import static io.thanosjvm.compact.TestMetas.ids;
import static io.thanosjvm.compact.TestMetas.meta;
import static io.thanosjvm.compact.TestMetas.withTombstones;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Leveled selection cases (the Prometheus/Thanos planner compatibility cases) over the ranges 20, 60, 180, 540,
 * 1620 — the exponential ranges with a base block of 20. Every expectation is derived by hand from the rules:
 * newest block excluded; per range (60, 180, ...) aligned windows [t0, t0+r]; the first window of two or more
 * blocks that spans exactly r or ends no later than the newest remaining block's min time.
 */
class PlannerLevelsTest {

  private static final PlannerConfig SMALL = new PlannerConfig(List.of(20L, 60L, 180L, 540L, 1620L), true, 0);

  private static List<String> plan(Set<String> noCompact, BlockMeta... metas) throws IOException {
    PlanResult r = new Planner(SMALL, IndexSizes.UNAVAILABLE).plan("g", List.of(metas), noCompact);
    if (r instanceof PlanResult.Compact c) {
      assertThat(c.newNoCompactMarks()).isEmpty();
      return c.blockIds();
    }
    assertThat(r).isInstanceOf(PlanResult.Idle.class);
    return List.of();
  }

  private static List<String> plan(BlockMeta... metas) throws IOException {
    return plan(Set.of(), metas);
  }

  @Test
  void aWindowHoldingTheNewestRemainingBlockWaitsUntilComplete() throws IOException {
    // newest 3 excluded; remaining newest is 2 (min 70): window [0,180] = 1,2 ends at 90 > 70 and spans 80
    assertThat(plan(meta(1, 10, 70), meta(2, 70, 90), meta(3, 90, 110))).isEmpty();
  }

  @Test
  void aSingleBlockIsNeverPlanned() throws IOException {
    assertThat(plan(meta(1, 0, 20))).isEmpty();
  }

  @Test
  void twoBaseBlocksWaitForTheirWindowToFill() throws IOException {
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40))).isEmpty();
  }

  @Test
  void threeBaseBlocksWaitBecauseTheNewestIsExcluded() throws IOException {
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60))).isEmpty();
  }

  @Test
  void aBlockBeyondTheWindowReleasesTheFullWindow() throws IOException {
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80)))
        .isEqualTo(ids(1, 2, 3));
  }

  @Test
  void blocksFillingTheSecondLevelWindowAreCompacted() throws IOException {
    assertThat(plan(meta(6, 0, 60), meta(7, 60, 120), meta(8, 120, 180), meta(9, 180, 200), meta(10, 200, 220)))
        .isEqualTo(ids(6, 7, 8));
  }

  @Test
  void aGapFollowedOnlyByTheNewestBlockWaits() throws IOException {
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(4, 60, 80))).isEmpty();
  }

  @Test
  void aWindowWithAGapEndingBeforeTheNewestRemainingBlockIsCompacted() throws IOException {
    // window [0,60] holds 1 and 2 (ends at 40 <= min time 60 of block 4, the newest remaining)
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(4, 60, 80), meta(5, 80, 100)))
        .isEqualTo(ids(1, 2));
  }

  @Test
  void aWindowEndingExactlyWhereTheNewestRemainingBlockStartsIsCompacted() throws IOException {
    // 3 (40-100) crosses the 60 boundary and is skipped there, but as newest remaining sets high time 40;
    // window [0,60] = 1,2 ends at 40, not after 40; 4 is the excluded newest
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 100), meta(4, 100, 120)))
        .isEqualTo(ids(1, 2));
  }

  @Test
  void smallBlocksAreCompactedBeforeBiggerOnes() throws IOException {
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 120), meta(5, 120, 180)))
        .isEqualTo(ids(1, 2, 3));
  }

  @Test
  void aSecondLevelWindowWithAGapIsCompactedOnceLaterBlocksExist() throws IOException {
    // range 180: window [0,180] holds 6 and 8, ends at 180 <= min time 180 of block 9
    assertThat(plan(meta(6, 0, 60), meta(8, 120, 180), meta(9, 180, 200), meta(10, 200, 220)))
        .isEqualTo(ids(6, 8));
  }

  @Test
  void inputOrderDoesNotMatterAndTheNewestIsByMinTime() throws IOException {
    // sorted: 2(20-40) 4(60-120) 6(120-180) 7(720-960) 5(960-980, newest); range 60: singles;
    // range 180: window [0,180] = 2,4,6 ending at 180 <= 720
    assertThat(plan(meta(2, 20, 40), meta(4, 60, 120), meta(5, 960, 980), meta(6, 120, 180), meta(7, 720, 960)))
        .isEqualTo(ids(2, 4, 6));
  }

  @Test
  void theNewestBlockIsChosenByMinTimeNotByUlid() throws IOException {
    // sorted 5(0-360) 7(360-420) 8(420-540) 6(540-560); 6 excluded; range 180: window [360,540] = 7,8
    assertThat(plan(meta(5, 0, 360), meta(6, 540, 560), meta(7, 360, 420), meta(8, 420, 540)))
        .isEqualTo(ids(7, 8));
  }

  @Test
  void onlyTheFirstReadyWindowIsPlanned() throws IOException {
    // range 60 windows: [180,240] = 1,2,3 and [240,300] = 4,5,6; 10 is the newest; 7,8,9 are already size 60
    assertThat(plan(meta(1, 180, 200), meta(2, 200, 220), meta(3, 220, 240), meta(4, 240, 260),
        meta(5, 260, 280), meta(6, 280, 300), meta(7, 0, 60), meta(8, 60, 120), meta(9, 120, 180),
        meta(10, 300, 320))).isEqualTo(ids(1, 2, 3));
  }

  @Test
  void aBlockEndingExactlyOnTheWindowBoundaryBelongsToIt() throws IOException {
    // window [0,60]: 40-60 ends at 60 = t0 + r and belongs to it; 60-80 starts the next window
    assertThat(plan(meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80), meta(5, 80, 100)))
        .isEqualTo(ids(1, 2, 3));
  }

  @Test
  void negativeTimesAlignToTheWindowBelowThem() throws IOException {
    // t0 for -60 with r=60 is -60: window [-60,0] = three blocks, span 60
    assertThat(plan(meta(1, -60, -40), meta(2, -40, -20), meta(3, -20, 0), meta(4, 0, 20)))
        .isEqualTo(ids(1, 2, 3));
  }

  @Test
  void blocksLargerThanTheirWindowAreSkippedAtThatLevel() throws IOException {
    // 1 (10-70) crosses the 60 boundary: skipped at 60 (2 and 3 are alone in their windows there);
    // at 180 window [0,180] = 1,2 ending 90 <= 190, the min time of 3 (newest remaining; 4 is excluded)
    assertThat(plan(meta(1, 10, 70), meta(2, 70, 90), meta(3, 190, 210), meta(4, 210, 230)))
        .isEqualTo(ids(1, 2));
  }

  @Test
  void aLargeBlockWithManyTombstonesIsNotRewrittenWhileItIsTheNewest() throws IOException {
    assertThat(plan(withTombstones(1, 0, 540, 10, 3))).isEmpty();
  }

  @Test
  void aLargeBlockWithManyTombstonesIsRewrittenAloneOnceANewerBlockExists() throws IOException {
    // span 540 >= middle range 180; 3 / (10 + 1) > 5%
    assertThat(plan(withTombstones(1, 0, 540, 10, 3), meta(2, 540, 560))).isEqualTo(ids(1));
  }

  @Test
  void aSmallBlockWithTombstonesIsNotRewritten() throws IOException {
    assertThat(plan(withTombstones(1, 0, 60, 10, 3), meta(2, 60, 80))).isEmpty();
  }

  @Test
  void aBlockWithoutSeriesOrTombstonesIsNotRewrittenOverAndOver() throws IOException {
    assertThat(plan(withTombstones(1, 0, 540, 0, 0), meta(2, 540, 560))).isEmpty();
  }

  @Test
  void tombstonesAtExactlyFivePercentDoNotTriggerARewrite() throws IOException {
    // 1 / (19 + 1) = 5% is not above 5%
    assertThat(plan(withTombstones(1, 0, 540, 19, 1), meta(2, 540, 560))).isEmpty();
  }

  @Test
  void aWindowHoldingABlockWhoseCompactionFailedIsNotSelected() throws IOException {
    // range 60 window [0,60] has failed block 2; range 180 window [0,180] = 1,2,3 ends 60 > 40 (too early)
    assertThat(plan(meta(1, 0, 20), failed(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80))).isEmpty();
  }

  @Test
  void aNoCompactBlockInsideAWindowSplitsItWithoutBridgingTheGap() throws IOException {
    assertThat(plan(Set.copyOf(ids(2)), meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80)))
        .isEmpty();
  }

  @Test
  void blocksAfterANoCompactBlockAreStillCompactedTogether() throws IOException {
    assertThat(plan(Set.copyOf(ids(1)), meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80)))
        .isEqualTo(ids(2, 3));
  }

  @Test
  void blocksBeforeANoCompactBlockAreCompactedTogether() throws IOException {
    assertThat(plan(Set.copyOf(ids(3)), meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80)))
        .isEqualTo(ids(1, 2));
  }

  @Test
  void aNoCompactNewestBlockStillCountsAsTheNewest() throws IOException {
    assertThat(plan(Set.copyOf(ids(4)), meta(1, 0, 20), meta(2, 20, 40), meta(3, 40, 60), meta(4, 60, 80)))
        .isEqualTo(ids(1, 2, 3));
  }

  @Test
  void thanosDefaultLevelsWaitForTheEightHourWindow() throws IOException {
    long h = 3_600_000L;
    Planner p = new Planner(PlannerConfig.fromFlags(false, List.of(), 4, 0), IndexSizes.UNAVAILABLE);
    List<BlockMeta> four = List.of(meta(1, 0, 2 * h), meta(2, 2 * h, 4 * h), meta(3, 4 * h, 6 * h),
        meta(4, 6 * h, 8 * h));
    assertThat(p.plan("g", four, Set.of())).isInstanceOf(PlanResult.Idle.class);
    List<BlockMeta> five = new java.util.ArrayList<>(four);
    five.add(meta(5, 8 * h, 10 * h));
    assertThat(((PlanResult.Compact) p.plan("g", five, Set.of())).blockIds()).isEqualTo(ids(1, 2, 3, 4));
  }

  @Test
  void maxCompactionLevelOneNeverCompactsTwoHourBlocks() throws IOException {
    long h = 3_600_000L;
    Planner p = new Planner(PlannerConfig.fromFlags(false, List.of(), 1, 0), IndexSizes.UNAVAILABLE);
    List<BlockMeta> blocks = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      blocks.add(meta(i + 1, i * 2 * h, (i + 1) * 2 * h));
    }
    assertThat(p.plan("g", blocks, Set.of())).isInstanceOf(PlanResult.Idle.class);
  }
}
