package io.thanosjvm.query.downsample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.compact.downsample.DownsampledChunk;
import io.thanosjvm.compact.downsample.Downsampler;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.AggrChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AggrChunkReader} over aggregate chunks made by the real downsampler from known raw samples; expected
 * values are computed here from the raw samples window by window.
 */
class AggrChunkReaderTest {

  private static final long RES = Downsampler.RES_5M;
  private static final long T0 = 1_700_000_100_000L / RES * RES; // window aligned
  private static final long STEP = 15_000;

  /** Raw gauge: 30 minutes of 15 s samples, values varying inside every window. */
  private static final int N = 120;
  private static final long[] TS = new long[N];
  private static final double[] VS = new double[N];

  static {
    for (int i = 0; i < N; i++) {
      TS[i] = T0 + i * STEP;
      VS[i] = 100 + 10 * Math.sin(i / 3.0) + (i % 7);
    }
  }

  private static List<DownsampledChunk> downsample(long[] ts, double[] vs, int from, int to) {
    long[] t = java.util.Arrays.copyOfRange(ts, from, to);
    double[] v = java.util.Arrays.copyOfRange(vs, from, to);
    List<DownsampledChunk> out = new Downsampler().downsampleSeries(t, v, t.length, RES);
    assertThat(out).as("one chunk per segment").hasSize(1);
    return out;
  }

  private static String dump(DecodedSamples s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.count(); i++) {
      sb.append(s.ts()[i]).append('=').append(s.vs()[i]).append('\n');
    }
    return sb.toString();
  }

  /**
   * Per window of the raw samples [from, to): timestamp (window end, the last one clamped) and aggregate (null:
   * the average).
   */
  private static String expectedWindows(long[] ts, double[] vs, int from, int to, AggrType type) {
    StringBuilder sb = new StringBuilder();
    int i = from;
    while (i < to) {
      long end = ts[i] - ts[i] % RES + RES - 1;
      double count = 0;
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int j = i;
      for (; j < to && ts[j] <= end; j++) {
        count++;
        sum += vs[j];
        min = Math.min(min, vs[j]);
        max = Math.max(max, vs[j]);
      }
      long t = Math.min(end, ts[to - 1]);
      double v = type == null ? sum / count : switch (type) {
        case COUNT -> count;
        case SUM -> sum;
        case MIN -> min;
        case MAX -> max;
        default -> throw new IllegalArgumentException(type.toString());
      };
      sb.append(t).append('=').append(v).append('\n');
      i = j;
    }
    return sb.toString();
  }

  @Test
  void eachSingleAggregateReadsItsSubChunk() {
    DownsampledChunk c = downsample(TS, VS, 0, N).get(0);
    for (AggrType t : new AggrType[] {AggrType.COUNT, AggrType.SUM, AggrType.MIN, AggrType.MAX}) {
      DecodedSamples s = AggrChunkReader.of(List.of(Aggr.valueOf(t.name())))
          .read(List.of(WireChunks.aggregates(c, t)));
      assertThat(dump(s)).as("%s", t).isEqualTo(expectedWindows(TS, VS, 0, N, t));
      assertThat(s.count()).isEqualTo(6);
    }
  }

  @Test
  void countAndSumReadAsThePerWindowAverage() {
    DownsampledChunk c = downsample(TS, VS, 0, N).get(0);
    DecodedSamples s = AggrChunkReader.of(List.of(Aggr.COUNT, Aggr.SUM))
        .read(List.of(WireChunks.aggregates(c, AggrType.COUNT, AggrType.SUM)));
    assertThat(dump(s)).isEqualTo(expectedWindows(TS, VS, 0, N, null));
  }

  @Test
  void rawChunksFallBackToTheirSamplesAndOverlapsNeverGoBackInTime() {
    // raw for the first 10 minutes, then a 5m chunk of the whole half hour (its first windows overlap the raw part)
    AggrChunk raw = WireChunks.raw(TS, VS, 0, 40);
    AggrChunk agg = WireChunks.aggregates(downsample(TS, VS, 0, N).get(0), AggrType.COUNT, AggrType.SUM,
        AggrType.MAX);
    for (List<Aggr> aggrs : List.of(List.of(Aggr.MAX), List.of(Aggr.COUNT, Aggr.SUM))) {
      DecodedSamples s = AggrChunkReader.of(aggrs).read(List.of(raw, agg));
      String rawPart = "";
      for (int i = 0; i < 40; i++) {
        rawPart += TS[i] + "=" + VS[i] + "\n";
      }
      // a window is kept when its timestamp is after the last sample read: the one ending 09:59.999 is, although
      // the raw chunk covered its samples (Thanos reads chunks in order and only skips going back in time)
      String windows = expectedWindows(TS, VS, 0, N, aggrs.size() == 1 ? AggrType.MAX : null).lines()
          .filter(l -> Long.parseLong(l.substring(0, l.indexOf('='))) > TS[39])
          .reduce("", (a, b) -> a + b + "\n");
      assertThat(dump(s)).as("%s", aggrs).isEqualTo(rawPart + windows);
    }
  }

  @Test
  void countersApplyResetsInsideWindowsAcrossWindowsAndAcrossChunks() {
    // a counter over two segments (two chunks): +3 per sample, resets inside a window (i = 7), at a window's first
    // sample (i = 40) and between the chunks (i = 60 starts lower than i = 59 ended)
    double[] v = new double[N];
    double c = 500;
    for (int i = 0; i < N; i++) {
      c = i == 7 || i == 40 ? 2 : i == 60 ? 1 : c + 3;
      v[i] = c;
    }
    List<AggrChunk> chunks = new ArrayList<>();
    chunks.add(WireChunks.aggregates(downsample(TS, v, 0, 60).get(0), AggrType.COUNTER));
    chunks.add(WireChunks.aggregates(downsample(TS, v, 60, N).get(0), AggrType.COUNTER));
    DecodedSamples s = AggrChunkReader.of(List.of(Aggr.COUNTER)).read(chunks);

    // expected: the reset-compensated running total of the raw samples, read at each chunk's first raw sample and
    // at the last raw sample of every window
    double[] total = new double[N];
    total[0] = v[0];
    for (int i = 1; i < N; i++) {
      total[i] = total[i - 1] + (v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i]);
    }
    StringBuilder want = new StringBuilder();
    for (int[] seg : new int[][] {{0, 60}, {60, N}}) {
      want.append(TS[seg[0]]).append('=').append(total[seg[0]]).append('\n');
      for (int i = seg[0]; i < seg[1]; i++) {
        long end = TS[i] - TS[i] % RES + RES - 1;
        if (i == seg[1] - 1 || TS[i + 1] > end) {
          want.append(Math.min(end, TS[seg[1] - 1])).append('=').append(total[i]).append('\n');
        }
      }
    }
    assertThat(dump(s)).isEqualTo(want.toString());
    for (int i = 1; i < s.count(); i++) {
      assertThat(s.vs()[i]).as("monotonic").isGreaterThanOrEqualTo(s.vs()[i - 1]);
    }
  }

  @Test
  void aMissingAggregateWithoutRawDataFailsTheQuery() {
    DownsampledChunk c = downsample(TS, VS, 0, N).get(0);
    assertThatThrownBy(() -> AggrChunkReader.of(List.of(Aggr.MIN)).read(List.of(WireChunks.aggregates(c,
        AggrType.MAX)))).isInstanceOf(QueryExecutionException.class).hasMessageContaining("neither the MIN");
    assertThatThrownBy(() -> AggrChunkReader.of(List.of(Aggr.COUNT, Aggr.SUM)).read(List.of(
        WireChunks.aggregates(c, AggrType.SUM)))).isInstanceOf(QueryExecutionException.class)
        .hasMessageContaining("COUNT aggregate needed for an average");
  }

  @Test
  void onlyThanosAggregateCombinationsAreAccepted() {
    assertThatThrownBy(() -> AggrChunkReader.of(List.of(Aggr.MIN, Aggr.MAX)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected result aggregate type");
    assertThatThrownBy(() -> AggrChunkReader.of(List.of(Aggr.RAW))).isInstanceOf(IllegalArgumentException.class);
    assertThat(AggrChunkReader.anyAggregate(List.of(WireChunks.raw(TS, VS, 0, 10)))).isFalse();
  }
}
