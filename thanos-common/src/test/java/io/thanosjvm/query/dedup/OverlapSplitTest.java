package io.thanosjvm.query.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.wire.storepb.AggrChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapSplitTest {

  private static AggrChunk c(long min, long max) {
    return AggrChunk.newBuilder().setMinTime(min).setMaxTime(max).build();
  }

  private static List<List<String>> ranges(List<List<AggrChunk>> split) {
    return split.stream().map(r -> r.stream().map(x -> x.getMinTime() + "-" + x.getMaxTime()).toList()).toList();
  }

  @Test
  void nonOverlappingChunksStayOneReplica() {
    assertThat(ranges(OverlapSplit.split(List.of(c(0, 99), c(100, 199), c(300, 399)))))
        .containsExactly(List.of("0-99", "100-199", "300-399"));
  }

  @Test
  void overlappingChunksOfTwoReplicasAreSeparated() {
    assertThat(ranges(OverlapSplit.split(List.of(c(0, 119), c(5, 124), c(120, 239), c(125, 244)))))
        .containsExactly(List.of("0-119", "120-239"), List.of("5-124", "125-244"));
  }

  @Test
  void chunksAreOrderedByMinTimeFirstAndTouchingBoundariesOverlap() {
    assertThat(ranges(OverlapSplit.split(List.of(c(100, 200), c(0, 100), c(0, 50)))))
        .containsExactly(List.of("0-100"), List.of("0-50", "100-200"));
  }

  /**
   * Two Prometheus replicas whose head chunks were cut in different places (a at its gap and at a predicted
   * count, b at a 2h boundary and at its gap), as in the minimal recipe run at the wrong time of day: first fit
   * would chain b's second chunk behind a's first one and a's last chunk behind it, so each pseudo-replica would
   * switch between a and b and the penalty deduplicator would drop samples both replicas hold.
   */
  @Test
  void eachReplicasConsecutiveChunksStayTogether() {
    AggrChunk a1 = c(0, 19);
    AggrChunk a2 = c(40, 157);
    AggrChunk a3 = c(158, 239);
    AggrChunk b1 = c(0, 31);
    AggrChunk b2 = c(32, 139);
    AggrChunk b3 = c(180, 239);
    assertThat(ranges(OverlapSplit.split(List.of(a1, a2, a3, b1, b2, b3))))
        .containsExactly(List.of("0-19", "40-157", "158-239"), List.of("0-31", "32-139", "180-239"));
  }

  @Test
  void noChunksGiveOneEmptyReplica() {
    assertThat(OverlapSplit.split(List.of())).containsExactly(List.of());
  }
}
