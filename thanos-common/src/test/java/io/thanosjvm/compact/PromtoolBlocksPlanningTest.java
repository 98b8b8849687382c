package io.thanosjvm.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping and planning the meta.json files of real blocks made by promtool (Prometheus 2.42): 12 hours from
 * an 8h-aligned start, written twice as two replicas. promtool's blocks end at their last sample + 1 ms, not at
 * the 2h window edge, so a window is only ready once a later block (the newest remaining) starts at its end.
 */
class PromtoolBlocksPlanningTest {

  private static final long HOUR = 3_600_000L;
  /** 2023-11-14T16:00:00Z, a multiple of 8h. */
  private static final long START_SECONDS = 1_699_977_600L;

  @TempDir static Path tmp;
  private static List<BlockMeta> metas;

  @BeforeAll
  static void makeBlocks() throws Exception {
    Path out = tmp.resolve("blocks");
    Files.createDirectories(out);
    for (String replica : List.of("r1", "r2")) {
      Promtool.makeBlocks(out, "--series", "4", "--hours", "12", "--step", "300", "--start",
          Long.toString(START_SECONDS), "--thanos-labels", "cluster=eu,replica=" + replica);
    }
    metas = new ArrayList<>();
    for (Path dir : Promtool.blocks(out)) {
      metas.add(BlockMeta.read(dir.resolve(BlockMeta.FILE_NAME)));
    }
  }

  private static long start() {
    return START_SECONDS * 1000;
  }

  @Test
  void promtoolMakesSixTwoHourBlocksPerReplica() {
    assertThat(metas).hasSize(12);
    assertThat(metas).allSatisfy(m -> assertThat(m.maxTime() - m.minTime()).isLessThan(2 * HOUR));
  }

  @Test
  void eachReplicaIsItsOwnGroupAndCompactsItsFirstEightHours() throws IOException {
    List<CompactionGroup> groups = new Grouper(List.of()).groups(metas);
    assertThat(groups).hasSize(2);
    Planner planner = new Planner(PlannerConfig.fromFlags(false, List.of(), 4, 0), IndexSizes.UNAVAILABLE);
    for (CompactionGroup g : groups) {
      PlanResult r = planner.plan(g, Set.of());
      assertThat(r).as(g.key()).isInstanceOf(PlanResult.Compact.class);
      List<BlockMeta> plan = ((PlanResult.Compact) r).blocks();
      assertThat(plan).hasSize(4);
      assertThat(plan.get(0).minTime()).isEqualTo(start());
      assertThat(plan.get(3).minTime()).isEqualTo(start() + 6 * HOUR);
      assertThat(plan.get(3).maxTime()).isLessThanOrEqualTo(start() + 8 * HOUR);
      assertThat(((PlanResult.Compact) r).vertical()).isFalse();
    }
  }

  @Test
  void withoutTheLastTwoBlocksTheEightHourWindowIsNotReadyYet() throws IOException {
    List<BlockMeta> firstTen = metas.stream().filter(m -> m.minTime() < start() + 10 * HOUR).toList();
    CompactionGroup r1 = new Grouper(List.of()).groups(firstTen).get(0);
    Planner planner = new Planner(PlannerConfig.fromFlags(false, List.of(), 4, 0), IndexSizes.UNAVAILABLE);
    // five blocks: the newest (8h-10h) is excluded; 0h-8h ends after the 6h block's start and is not 8h long
    assertThat(planner.plan(r1, Set.of())).isInstanceOf(PlanResult.Idle.class);
  }

  @Test
  void withTheReplicaLabelRemovedBothReplicasShareAGroupAndMergeVertically() throws IOException {
    List<CompactionGroup> groups = new Grouper(List.of("replica")).groups(metas);
    assertThat(groups).singleElement().satisfies(g -> assertThat(g.key()).isEqualTo(
        GroupKey.of(0, java.util.Map.of("cluster", "eu"))));
    Planner planner = new Planner(PlannerConfig.fromFlags(false, List.of("replica"), 4, 0),
        IndexSizes.UNAVAILABLE);
    PlanResult.Compact c = (PlanResult.Compact) planner.plan(groups.get(0), Set.of());
    assertThat(c.vertical()).isTrue();
    assertThat(c.blocks()).hasSize(2).allSatisfy(m -> assertThat(m.minTime()).isEqualTo(start()));
    assertThat(c.blocks()).extracting(m -> m.thanos().orElseThrow().labels().get("replica"))
        .containsExactlyInAnyOrder("r1", "r2");
  }

  @Test
  void withoutVerticalCompactionTheReplicasHaltTheMergedGroup() throws IOException {
    CompactionGroup g = new Grouper(List.of("replica")).groups(metas).get(0);
    Planner planner = new Planner(PlannerConfig.fromFlags(false, List.of(), 4, 0), IndexSizes.UNAVAILABLE);
    PlanResult r = planner.plan(g, Set.of());
    assertThat(r).isInstanceOf(PlanResult.Halt.class);
    assertThat(((PlanResult.Halt) r).error().blockIds()).hasSize(2);
  }
}
