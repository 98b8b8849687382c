package io.thanosjvm.compact.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.dedup.PenaltyDedupIterator;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.MergeSampleIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample-level merges: one-to-one chain merge and the penalty fold, over plain arrays. */
class SampleMergeTest {

  @Test
  void chainMergeInterleavesAndKeepsTheFirstStreamsSampleOnEqualTimestamps() {
    var merged = new MergeSampleIterator(List.of(stream(new long[] {10, 20, 30}, 1), stream(new long[] {5, 20, 40}, 2),
        stream(new long[] {20, 50}, 3)));
    assertThat(drain(merged)).containsExactly("5=2.0", "10=1.0", "20=1.0", "30=1.0", "40=2.0", "50=3.0");
  }

  @Test
  void chainMergeOfNothingIsEmpty() {
    assertThat(drain(new MergeSampleIterator(List.of(stream(new long[0], 1), stream(new long[0], 2))))).isEmpty();
  }

  @Test
  void penaltyPicksTheEarlierReplicaAndSticksToIt() {
    // a every 10 s from 0, b every 10 s from 3 s: a starts first and b is never used while a keeps producing.
    var merged = penalty(stream(range(0, 100_000, 10_000), 1), stream(range(3_000, 100_000, 10_000), 2));
    List<String> out = drain(merged);
    assertThat(out).hasSize(10).allMatch(s -> s.endsWith("=1.0"));
  }

  @Test
  void penaltySwitchesOnlyAfterTheChosenReplicaStopsForMoreThanTwiceItsInterval() {
    // a stops after 40 s; b's samples within a's penalty window (lastT + 2 x 10 s) are skipped.
    var merged = penalty(stream(range(0, 50_000, 10_000), 1), stream(range(3_000, 100_000, 10_000), 2));
    assertThat(drain(merged)).containsExactly("0=1.0", "10000=1.0", "20000=1.0", "30000=1.0", "40000=1.0",
        "63000=2.0", "73000=2.0", "83000=2.0", "93000=2.0");
  }

  @Test
  void penaltyGivesTheOtherReplicaFiveSecondsBeforeTheFirstSample() {
    // b's first sample 4 s after a's is inside the initial 5000 ms penalty; its next one at 14 s is not needed.
    var merged = penalty(stream(new long[] {0, 60_000}, 1), stream(new long[] {4_000, 5_002, 14_000}, 2));
    assertThat(drain(merged)).containsExactly("0=1.0", "5002=2.0", "14000=2.0", "60000=1.0");
  }

  /**
   * ((a ⊕ b) ⊕ c): c takes over when a stops; switching to c penalises (a ⊕ b) by 2 x (50 s - 20 s), so its
   * next seek lands past 110 s and b's samples at 100 s and 110 s are skipped, as in Thanos.
   */
  @Test
  void threeReplicasFoldPairwise() {
    var abc = penalty(stream(range(0, 30_000, 10_000), 1), stream(range(100_000, 130_000, 10_000), 2),
        stream(range(50_000, 80_000, 10_000), 3));
    assertThat(drain(abc)).containsExactly("0=1.0", "10000=1.0", "20000=1.0", "50000=3.0", "60000=3.0", "70000=3.0",
        "120000=2.0");
  }

  /** The compactor's penalty mode: the querier's penalty dedup without counter adjustment. */
  private static SampleIterator penalty(SampleIterator... replicas) {
    return PenaltyDedupIterator.of(List.of(replicas), false);
  }

  private static long[] range(long from, long to, long step) {
    List<Long> l = new ArrayList<>();
    for (long t = from; t < to; t += step) {
      l.add(t);
    }
    return l.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<String> drain(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.atT() + "=" + it.atV());
    }
    assertThat(it.next()).isFalse();
    return out;
  }

  /** A sample stream over arrays with a constant value. */
  private static SampleIterator stream(long[] ts, double v) {
    return new SampleIterator() {
      private int i = -1;

      @Override
      public boolean next() {
        if (i < ts.length) {
          i++;
        }
        return i < ts.length;
      }

      @Override
      public boolean seek(long t) {
        if (i >= 0 && i < ts.length && ts[i] >= t) {
          return true;
        }
        while (next()) {
          if (ts[i] >= t) {
            return true;
          }
        }
        return false;
      }

      @Override
      public long atT() {
        return ts[i];
      }

      @Override
      public double atV() {
        return v;
      }
    };
  }
}
