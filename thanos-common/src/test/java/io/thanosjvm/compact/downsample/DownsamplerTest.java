package io.thanosjvm.compact.downsample;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

  private static final long R = Downsampler.RES_5M;

  @Test
  void windowEndIsTheLastMillisecondOfTheWindow() {
    assertThat(Downsampler.windowEnd(0, R)).isEqualTo(299_999);
    assertThat(Downsampler.windowEnd(299_999, R)).isEqualTo(299_999);
    assertThat(Downsampler.windowEnd(300_000, R)).isEqualTo(599_999);
  }

  @Test
  void aggregatesWindowsWithCounterFramingAndClampsTheLastWindowToTheLastSample() {
    List<DownsampledChunk> out = new Downsampler().downsampleSeries(
        new long[] {10_000, 70_000, 250_000, 310_000}, new double[] {1, 2, 3, 1}, 4, R);
    assertThat(out).hasSize(1);
    AggrChunk c = out.get(0).aggrChunk();
    assertThat(samples(c, AggrType.COUNT)).containsExactly(299_999, 3, 310_000, 1);
    assertThat(samples(c, AggrType.SUM)).containsExactly(299_999, 6, 310_000, 1);
    assertThat(samples(c, AggrType.MIN)).containsExactly(299_999, 1, 310_000, 1);
    assertThat(samples(c, AggrType.MAX)).containsExactly(299_999, 3, 310_000, 1);
    assertThat(samples(c, AggrType.COUNTER))
        .as("first raw sample, reset-compensated windows, last raw value at the last window time")
        .containsExactly(10_000, 1, 299_999, 3, 310_000, 4, 310_000, 1);
    assertThat(out.get(0).minTime()).isEqualTo(299_999);
    assertThat(out.get(0).maxTime()).isEqualTo(310_000);
  }

  @Test
  void skipsStaleMarkersNaNsNegativeAndOutOfOrderSamples() {
    List<DownsampledChunk> out = new Downsampler().downsampleSeries(
        new long[] {-5, 1_000, 2_000, 1_500, 3_000},
        new double[] {7, StaleMarker.STALE_NAN, 5, 9, Double.NaN}, 5, R);
    assertThat(out).hasSize(1);
    AggrChunk c = out.get(0).aggrChunk();
    assertThat(samples(c, AggrType.COUNT)).containsExactly(2_000, 1);
    assertThat(samples(c, AggrType.COUNTER)).containsExactly(2_000, 5, 2_000, 5, 2_000, 5);
  }

  @Test
  void seriesOfOnlyNaNsYieldsNoChunk() {
    assertThat(new Downsampler().downsampleSeries(new long[] {1, 2},
        new double[] {Double.NaN, StaleMarker.STALE_NAN}, 2, R)).isEmpty();
  }

  @Test
  void counterResetAtAFiveMinuteChunkBoundaryIsKeptInTheHourAggregate() {
    int n = 2 * 24 * 60;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 60_000L * i + 1_000;
      vs[i] = 100 + i;
    }
    Downsampler d = new Downsampler();
    List<DownsampledChunk> probe = d.downsampleSeries(ts, vs, n, R);
    assertThat(probe).hasSizeGreaterThan(2);
    long boundary = (long) samples(probe.get(1).aggrChunk(), AggrType.COUNTER)[0];
    int k = (int) ((boundary - 1_000) / 60_000);
    for (int i = 0; i < n; i++) {
      if (ts[i] >= boundary) {
        vs[i] = ts[i] - boundary; // Reset to 0 exactly at the second chunk's first sample.
      }
    }
    List<AggrChunk> five = new ArrayList<>();
    for (DownsampledChunk c : d.downsampleSeries(ts, vs, n, R)) {
      five.add(c.aggrChunk());
    }
    RawTruth truth = new RawTruth(ts, vs);
    truth.verify(five, R, 0);
    List<AggrChunk> hour = new ArrayList<>();
    for (DownsampledChunk c : d.downsampleAggr(five, ts[0], ts[n - 1], R, Downsampler.RES_1H)) {
      hour.add(c.aggrChunk());
    }
    truth.verify(hour, Downsampler.RES_1H, 1e-12);
    double[] counter = samples(hour.get(hour.size() - 1), AggrType.COUNTER);
    // Last value before the reset, plus the reset value 0, plus the increase after it.
    double expectedTotal = 100 + (k - 1) + (ts[n - 1] - boundary);
    assertThat(counter[counter.length - 3]).isEqualTo(expectedTotal);
    assertThat(counter[counter.length - 1]).as("last raw value").isEqualTo(vs[n - 1]);
  }

  /** Flattened (t, v) pairs of one aggregate. */
  private static double[] samples(AggrChunk c, AggrType type) {
    XorIterator it = new XorIterator();
    c.iterator(type, it);
    double[] out = new double[2 * it.numSamples()];
    int i = 0;
    while (it.next()) {
      out[i++] = it.atT();
      out[i++] = it.atV();
    }
    return out;
  }
}
