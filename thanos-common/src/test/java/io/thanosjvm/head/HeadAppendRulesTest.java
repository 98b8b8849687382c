package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.model.SampleIterator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadAppendRulesTest {

  private static final long H = 3_600_000L;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Head head(HeadOptions options, long nowMs) {
    return new Head(options, InstantSource.fixed(Instant.ofEpochMilli(nowMs)), registry, HeadLog.NONE);
  }

  private static void commit(Head h, Labels l, long t, double v) {
    HeadAppender a = h.appender();
    a.append(l, t, v);
    a.commit();
  }

  private static List<long[]> samples(Head h, Labels l) {
    List<StoredSeries> s = h.select(Long.MIN_VALUE, Long.MAX_VALUE,
        List.of(Matcher.equal("__name__", l.metricName())));
    List<long[]> out = new ArrayList<>();
    for (StoredSeries x : s) {
      if (x.labels().equals(l)) {
        SampleIterator it = x.iterator();
        while (it.next()) {
          out.add(new long[] {it.atT(), Double.doubleToRawLongBits(it.atV())});
        }
      }
    }
    return out;
  }

  private double counter(String name) {
    return registry.find(name).counter() == null ? -1 : registry.find(name).counter().count();
  }

  @Test
  void outOfOrderSampleIsRefusedWithPrometheusText() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    commit(h, l, 1000, 1);
    HeadAppender a = h.appender();
    assertThatThrownBy(() -> a.append(l, 999, 2)).isInstanceOf(AppendException.class)
        .hasMessage("out of order sample");
    assertThat(counter("prometheus_tsdb_out_of_order_samples")).isEqualTo(1);
  }

  @Test
  void sameTimestampOtherValueIsDuplicateAndSameBitsIsNoOp() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    commit(h, l, 1000, 1);
    HeadAppender a = h.appender();
    assertThatThrownBy(() -> a.append(l, 1000, 2)).hasMessage("duplicate sample for timestamp");
    a.append(l, 1000, 1);
    a.commit();
    assertThat(samples(h, l)).hasSize(1);
    // NaN with other bits than the stored NaN is a duplicate too: bits are compared, not values
    commit(h, l, 2000, Double.NaN);
    HeadAppender b = h.appender();
    assertThatThrownBy(() -> b.append(l, 2000, StaleMarker.STALE_NAN)).hasMessage("duplicate sample for timestamp");
  }

  @Test
  void belowHalfAChunkRangeBehindHeadMaxIsOutOfBounds() {
    Head h = head(HeadOptions.defaults(), 0);
    commit(h, Labels.of("__name__", "a"), 10 * H, 1);
    HeadAppender a = h.appender();
    // a new series still cannot go below max - 1h
    assertThatThrownBy(() -> a.append(Labels.of("__name__", "b"), 9 * H - 1, 1)).hasMessage("out of bounds");
    a.append(Labels.of("__name__", "b"), 9 * H, 1);
    a.commit();
    assertThat(counter("prometheus_tsdb_out_of_bound_samples")).isEqualTo(1);
    h.setMinValidTime(10 * H);
    assertThatThrownBy(() -> h.appender().append(Labels.of("__name__", "c"), 10 * H - 1, 1))
        .hasMessage("out of bounds");
  }

  @Test
  void tooFarInFutureUsesTheWindowFromNow() {
    Head h = head(HeadOptions.defaults().withTooFarInFutureWindow(Duration.ofMinutes(5)), 100 * H);
    HeadAppender a = h.appender();
    a.append(Labels.of("__name__", "a"), 100 * H + 300_000, 1);
    AppendException e = (AppendException) org.assertj.core.api.Assertions.catchThrowable(
        () -> a.append(Labels.of("__name__", "a"), 100 * H + 300_001, 1));
    assertThat(e.error()).isEqualTo(AppendError.TOO_FAR_IN_FUTURE);
    assertThat(e).hasMessage("out of bounds");
    // without a window anything goes
    Head free = head(HeadOptions.defaults(), 0);
    free.appender().append(Labels.of("__name__", "a"), Long.MAX_VALUE / 2, 1);
  }

  @Test
  void outOfOrderWindowSeparatesTooOldFromInWindow() {
    Head h = head(HeadOptions.defaults().withOutOfOrderWindow(Duration.ofMinutes(30)), 0);
    Labels l = Labels.of("__name__", "m");
    commit(h, l, 10 * H, 1);
    assertThatThrownBy(() -> h.appender().append(l, 10 * H - 31 * 60_000, 1)).hasMessage("too old sample");
    // within the window: checked, but out-of-order chunks are not implemented
    assertThatThrownBy(() -> h.appender().append(l, 10 * H - 60_000, 1)).hasMessage("out of order sample");
  }

  @Test
  void emptyLabelsAndUnknownRefsAreRefused() {
    Head h = head(HeadOptions.defaults(), 0);
    assertThatThrownBy(() -> h.appender().append(Labels.EMPTY, 1, 1)).hasMessage("empty labelset: invalid sample");
    assertThatThrownBy(() -> h.appender().append(42L, 1, 1)).hasMessage("unknown series ref");
  }

  @Test
  void readersSeeOnlyCommittedSamplesAndRollbackDropsThem() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    HeadAppender a = h.appender();
    long ref = a.append(l, 1, 1);
    a.append(ref, 2, 2);
    assertThat(samples(h, l)).isEmpty();
    a.commit();
    assertThat(samples(h, l)).hasSize(2);
    HeadAppender b = h.appender();
    b.append(ref, 3, 3);
    b.rollback();
    assertThat(samples(h, l)).hasSize(2);
    assertThat(ref).isEqualTo(1);
    assertThat(h.appender().append(Labels.of("__name__", "n"), 5, 1)).isEqualTo(2);
  }

  @Test
  void specialValuesAreStoredBitExactly() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    double[] vals = {Double.NaN, StaleMarker.STALE_NAN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        Double.longBitsToDouble(StaleMarker.NORMAL_NAN_BITS)};
    HeadAppender a = h.appender();
    for (int i = 0; i < vals.length; i++) {
      a.append(l, i, vals[i]);
    }
    a.commit();
    List<long[]> got = samples(h, l);
    for (int i = 0; i < vals.length; i++) {
      assertThat(got.get(i)[1]).isEqualTo(Double.doubleToRawLongBits(vals[i]));
    }
  }

  @Test
  void chunksAreCutAt120SamplesForARegularInterval() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    HeadAppender a = h.appender();
    // 15s interval from an aligned 2h start: 480 samples in the 2h range -> 4 chunks of 120
    for (int i = 0; i < 480; i++) {
      a.append(l, 4 * H + i * 15_000L, i);
    }
    a.commit();
    MemSeries.ChunkSnapshot c = h.chunks(1, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(c.n()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(count(c.data()[i])).isEqualTo(120);
    }
    assertThat(h.numChunks()).isEqualTo(4);
  }

  @Test
  void chunksAreCutAtTheChunkRangeBoundary() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    HeadAppender a = h.appender();
    // 60s interval from 1h30 into a 2h range: 30 samples before the boundary at 2h
    for (int i = 0; i < 40; i++) {
      a.append(l, 90 * 60_000L + i * 60_000L, i);
    }
    a.commit();
    MemSeries.ChunkSnapshot c = h.chunks(1, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(c.n()).isEqualTo(2);
    assertThat(c.times()[1]).isLessThan(2 * H);
    assertThat(c.times()[2]).isEqualTo(2 * H);
    assertThat(count(c.data()[0])).isEqualTo(30);
  }

  @Test
  void chunksAreCutAt240SamplesWhenTheRateRises() {
    Head h = head(HeadOptions.defaults(), 0);
    Labels l = Labels.of("__name__", "m");
    HeadAppender a = h.appender();
    // 30 samples 60s apart predict the end of the range; then 1ms apart: cut at 240
    for (int i = 0; i < 30; i++) {
      a.append(l, i * 60_000L, i);
    }
    long t = 30 * 60_000L;
    for (int i = 0; i < 300; i++) {
      a.append(l, t + i, i);
    }
    a.commit();
    MemSeries.ChunkSnapshot c = h.chunks(1, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(count(c.data()[0])).isEqualTo(240);
    assertThat(count(c.data()[1])).isEqualTo(90);
  }

  @Test
  void chunkEndIsPredictedAfter30Samples() {
    // Prometheus' computeChunkEndTime
    assertThat(MemSeries.computeChunkEndTime(0, 29 * 15_000L, 2 * H)).isEqualTo(2 * H / 4);
    assertThat(MemSeries.computeChunkEndTime(0, 29 * 60_000L, 2 * H)).isEqualTo(2 * H);
    assertThat(HeadOptions.rangeForTimestamp(2 * H + 1, 2 * H)).isEqualTo(4 * H);
  }

  @Test
  void truncationDropsOldChunksAndCollectsEmptySeries() {
    Head h = head(HeadOptions.defaults(), 0);
    HeadAppender a = h.appender();
    a.append(Labels.of("__name__", "old", "i", "1"), 1000, 1);
    a.append(Labels.of("__name__", "live", "i", "1"), 1000, 1);
    a.append(Labels.of("__name__", "live", "i", "1"), 2 * H + 1000, 1);
    a.commit();
    assertThat(h.numSeries()).isEqualTo(2);
    int removed = h.truncateMemory(2 * H);
    assertThat(removed).isEqualTo(1);
    assertThat(h.numSeries()).isEqualTo(1);
    assertThat(h.minTime()).isEqualTo(2 * H);
    assertThat(h.labelValues("__name__")).containsExactly("live");
    assertThat(h.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of())).hasSize(1);
    assertThat(counter("prometheus_tsdb_head_series_removed")).isEqualTo(1);
    // refs keep increasing after GC
    assertThat(h.appender().append(Labels.of("__name__", "old", "i", "1"), 3 * H, 1)).isEqualTo(3);
  }

  @Test
  void manyThreadsAppendWithoutLosingSamples() throws Exception {
    Head h = head(HeadOptions.defaults(), 0);
    int threads = 4;
    int perThread = 5000;
    List<Thread> ts = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int id = w;
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          HeadAppender a = h.appender();
          for (int s = 0; s < 10; s++) {
            // series shared by all threads: timestamps must increase across threads, so each thread owns some
            a.append(Labels.of("__name__", "m", "s", Integer.toString(s), "w", Integer.toString(id)), i, i);
          }
          a.commit();
        }
      });
      th.start();
      ts.add(th);
    }
    for (Thread t : ts) {
      t.join();
    }
    assertThat(h.numSeries()).isEqualTo(threads * 10);
    long total = 0;
    for (StoredSeries s : h.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(Matcher.equal("__name__", "m")))) {
      SampleIterator it = s.iterator();
      while (it.next()) {
        total++;
      }
    }
    assertThat(total).isEqualTo((long) threads * perThread * 10);
  }

  private static int count(byte[] chunk) {
    return ((chunk[0] & 0xFF) << 8) | (chunk[1] & 0xFF);
  }
}
