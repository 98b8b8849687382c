package io.thanosjvm.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.storage.ArraySampleIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class PenaltyDedupIteratorTest {

  private static final long STEP = 15_000;

  /** Samples k = 0..n-1 at k*STEP (+shift) with value f(k), except where {@code missing} holds. */
  private static SampleIterator replica(int n, long shift, IntPredicate missing, java.util.function.IntToDoubleFunction f) {
    long[] ts = new long[n];
    double[] vs = new double[n];
    int c = 0;
    for (int k = 0; k < n; k++) {
      if (!missing.test(k)) {
        ts[c] = k * STEP + shift;
        vs[c] = f.applyAsDouble(k);
        c++;
      }
    }
    return new ArraySampleIterator(ts, vs, 0, c);
  }

  private static List<long[]> drain(SampleIterator it) {
    List<long[]> out = new ArrayList<>();
    while (it.next()) {
      out.add(new long[] {it.atT(), Double.doubleToRawLongBits(it.atV())});
    }
    return out;
  }

  private static List<String> render(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.atT() / STEP + "=" + it.atV());
    }
    return out;
  }

  private static List<String> expected(int n, IntPredicate missing) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!missing.test(k)) {
        out.add(k + "=" + (double) k);
      }
    }
    return out;
  }

  private static boolean in(int k, int from, int to) {
    return k >= from && k < to;
  }

  @Test
  void identicalReplicasGiveOneCopyOfTheData() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(50, 0, k -> false, k -> k), replica(50, 0, k -> false, k -> k)), false);
    assertThat(render(it)).isEqualTo(expected(50, k -> false));
  }

  @Test
  void theChosenReplicaSticksWhenTheOtherScrapesAtAnotherPhase() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(50, 0, k -> false, k -> k), replica(50, 4_000, k -> false, k -> -k)), false);
    assertThat(render(it)).isEqualTo(expected(50, k -> false));
    // B 7 s behind is outside the initial 5 s penalty: it wins the second sample and then sticks
    SampleIterator late = PenaltyDedupIterator.of(List.of(
        replica(50, 0, k -> false, k -> k), replica(50, 7_000, k -> false, k -> -k)), false);
    List<String> got = render(late);
    assertThat(got).hasSize(51).startsWith("0=0.0", "0=0.0", "1=-1.0").endsWith("49=-49.0");
  }

  @Test
  void gapsInDifferentPlacesAreFilledFromTheOtherReplicaAfterThePenaltyWindow() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(240, 0, k -> in(k, 40, 80), k -> k), replica(240, 0, k -> in(k, 140, 180), k -> k)), false);
    // Thanos semantics: after a switch the other replica is sought past lastT + 2 x interval, so the two
    // samples right after each gap start (40, 41 and 140, 141) are not used; everything else is there once.
    assertThat(render(it)).isEqualTo(expected(240, k -> in(k, 40, 42) || in(k, 140, 142)));
  }

  @Test
  void aReplicaEndingEarlyIsContinuedByTheOther() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(100, 0, k -> k >= 60, k -> k), replica(100, 0, k -> k < 10, k -> k)), false);
    assertThat(render(it)).isEqualTo(expected(100, k -> in(k, 60, 62)));
  }

  @Test
  void theInitialPenaltyIsFiveSecondsBeforeAnythingWasEmitted() {
    // B starts 4 s after A: within the initial 5000 ms penalty its first sample is skipped, later ones too
    // because A keeps going; when A stops after one sample, B is used from its first sample past 5 s.
    long[] at = {0};
    double[] av = {1};
    long[] bt = {4_000, 5_000, 5_001, 6_000};
    double[] bv = {2, 3, 4, 5};
    SampleIterator it = new PenaltyDedupIterator(new ReplicaIterator(new ArraySampleIterator(at, av, 0, 1), false),
        new ReplicaIterator(new ArraySampleIterator(bt, bv, 0, 4), false));
    assertThat(drain(it)).extracting(s -> s[0]).containsExactly(0L, 5_001L, 6_000L);
  }

  @Test
  void threeReplicasWithDifferentGapsFoldPairwise() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(300, 0, k -> in(k, 20, 100), k -> k),
        replica(300, 0, k -> k < 10 || in(k, 150, 300), k -> k),
        replica(300, 0, k -> k < 120, k -> k)), false);
    List<String> got = render(it);
    assertThat(got).doesNotHaveDuplicates();
    assertThat(got).contains("0=0.0", "19=19.0", "60=60.0", "149=149.0", "200=200.0", "299=299.0");
    // a switch loses at most the two samples inside the penalty window; never more
    assertThat(got.size()).isGreaterThanOrEqualTo(300 - 2 * 2);
  }

  @Test
  void seekStepsThroughGapsInsteadOfJumpingAcrossThem() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(240, 0, k -> in(k, 40, 80), k -> k), replica(240, 0, k -> in(k, 140, 180), k -> k)), false);
    assertThat(it.seek(30 * STEP)).isTrue();
    assertThat(it.atT()).isEqualTo(30 * STEP);
    assertThat(it.seek(30 * STEP)).isTrue();
    assertThat(it.atT()).isEqualTo(30 * STEP);
    assertThat(it.seek(41 * STEP)).isTrue();
    assertThat(it.atT()).isEqualTo(42 * STEP);
    assertThat(it.seek(100 * STEP)).isTrue();
    assertThat(it.atV()).isEqualTo(100.0);
    assertThat(it.seek(1_000 * STEP)).isFalse();
  }

  @Test
  void seekBeforeTheFirstNextStartsAtTheEarliestReplica() {
    SampleIterator it = PenaltyDedupIterator.of(List.of(
        replica(10, STEP, k -> false, k -> k), replica(10, 0, k -> false, k -> -k)), false);
    assertThat(it.seek(0)).isTrue();
    assertThat(it.atT()).isEqualTo(0);
    assertThat(it.next()).isTrue();
    assertThat(it.atT()).isGreaterThan(0);
  }

  @Test
  void emptyReplicasAreHandled() {
    SampleIterator empty = new ArraySampleIterator(new long[0], new double[0], 0, 0);
    assertThat(PenaltyDedupIterator.of(List.of(empty, new ArraySampleIterator(new long[0], new double[0], 0, 0)),
        true).next()).isFalse();
    assertThat(render(PenaltyDedupIterator.of(List.of(new ArraySampleIterator(new long[0], new double[0], 0, 0),
        replica(3, 0, k -> false, k -> k)), false))).containsExactly("0=0.0", "1=1.0", "2=2.0");
    assertThatThrownBy(() -> PenaltyDedupIterator.of(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void staleMarkersPassThroughBitForBitEvenWhenCounterAdjusted() {
    long[] at = {0, 15_000, 30_000};
    double[] av = {100, 110, 120};
    long[] bt = {60_000, 75_000, 90_000};
    double[] bv = {5, 6, StaleMarker.STALE_NAN};
    SampleIterator it = PenaltyDedupIterator.of(List.of(new ArraySampleIterator(at, av, 0, 3),
        new ArraySampleIterator(bt, bv, 0, 3)), true);
    List<long[]> got = drain(it);
    // B's 60 s sample lies inside the 30 s penalty window after A's last sample at 30 s
    assertThat(got).extracting(s -> s[0]).containsExactly(0L, 15_000L, 30_000L, 75_000L, 90_000L);
    assertThat(Double.longBitsToDouble(got.get(3)[1])).isEqualTo(120.0);
    assertThat(got.get(4)[1]).isEqualTo(StaleMarker.STALE_NAN_BITS);
  }
}
