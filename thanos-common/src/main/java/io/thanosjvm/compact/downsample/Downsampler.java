package io.thanosjvm.compact.downsample;

import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.CounterResetIterator;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Downsamples one series as Thanos does. Raw samples are cut into batches of about
 * {@value #TARGET_SAMPLES_PER_CHUNK} output windows that end on window boundaries; within a batch each
 * window emits count, sum, min, max and counter at its end {@code t - t % r + r - 1}, clamped to the
 * batch's last sample. The counter sub-chunk is framed by the batch's first raw sample and, repeating the
 * last window's timestamp, its last raw value. Aggregate chunks are re-downsampled along chunk
 * boundaries. Buffers are reused across calls; an instance is not thread safe.
 */
public final class Downsampler {

  /** Raw resolution. */
  public static final long RES_RAW = 0;
  /** 5 minutes in milliseconds. */
  public static final long RES_5M = 5 * 60 * 1000L;
  /** 1 hour in milliseconds. */
  public static final long RES_1H = 60 * 60 * 1000L;
  /** Average samples per output chunk the batch sizing aims below. */
  public static final int TARGET_SAMPLES_PER_CHUNK = 140;
  /** Raw resolution assumed when sizing batches. */
  static final long ASSUMED_RAW_INTERVAL = 60 * 1000L;

  private final AggrChunkBuilder builder = new AggrChunkBuilder();
  private final WindowAggregator aggr = new WindowAggregator();
  private long[] bufT = new long[256];
  private double[] bufV = new double[256];

  /** End (inclusive) of the window of resolution {@code r} that {@code t} falls into. */
  public static long windowEnd(long t, long r) {
    return t - (t % r) + r - 1;
  }

  /** How many chunks to cut a series into so that each holds below 140 windows on average. */
  static int targetChunkCount(long mint, long maxt, long inRes, long outRes, int count) {
    double maxSamples = (double) ((maxt - mint) / outRes);
    double fullness = count / ((double) (maxt - mint) / inRes);
    if (fullness > 1) {
      fullness = 1;
    }
    int exp = (int) (maxSamples * fullness) + 1;
    int x = 1;
    while (exp / x > TARGET_SAMPLES_PER_CHUNK) {
      x++;
    }
    return x;
  }

  /**
   * Downsamples raw samples (the first {@code n} of the arrays) to aggregate chunks. As Thanos does
   * when reading the raw chunks, stale markers and samples going back in time (including negative
   * timestamps) are skipped; other NaN values count for batch sizing but are not aggregated.
   *
   * @return the aggregate chunks in time order; empty when no sample is left
   */
  public List<DownsampledChunk> downsampleSeries(long[] ts, double[] vs, int n, long resolution) {
    if (resolution <= 0) {
      throw new IllegalArgumentException("resolution must be positive: " + resolution);
    }
    int m = expandRaw(ts, vs, n);
    List<DownsampledChunk> out = new ArrayList<>();
    if (m == 0) {
      return out;
    }
    int numChunks = targetChunkCount(bufT[0], bufT[m - 1], ASSUMED_RAW_INTERVAL, resolution, m);
    int batchSize = m / numChunks + 1;
    int start = 0;
    while (start < m) {
      int j = Math.min(start + batchSize, m);
      long curW = windowEnd(bufT[j - 1], resolution);
      while (j < m && bufT[j] <= curW) {
        j++;
      }
      int end = dropNaN(start, j);
      if (end > start) {
        out.add(rawBatch(start, end, resolution));
      }
      start = j;
    }
    return out;
  }

  private int expandRaw(long[] ts, double[] vs, int n) {
    ensure(n);
    int m = 0;
    long lastT = 0;
    for (int i = 0; i < n; i++) {
      if (StaleMarker.isStale(vs[i]) || ts[i] < lastT) {
        continue;
      }
      bufT[m] = ts[i];
      bufV[m] = vs[i];
      lastT = ts[i];
      m++;
    }
    return m;
  }

  /** Compacts the non-NaN samples of [start, end) to the front of the range; returns the new end. */
  private int dropNaN(int start, int end) {
    int w = start;
    for (int i = start; i < end; i++) {
      if (!Double.isNaN(bufV[i])) {
        bufT[w] = bufT[i];
        bufV[w] = bufV[i];
        w++;
      }
    }
    return w;
  }

  private DownsampledChunk rawBatch(int from, int to, long resolution) {
    builder.reset();
    for (AggrType a : AggrType.values()) {
      builder.enable(a);
    }
    builder.append(AggrType.COUNTER, bufT[from], bufV[from]);
    long lastWindow = aggregateBatch(from, to, resolution, null);
    builder.append(AggrType.COUNTER, lastWindow, bufV[to - 1]);
    return builder.encode();
  }

  /**
   * Aggregates the samples [from, to) of the buffer window by window; emits all five aggregates when
   * {@code single} is null, else only that aggregate (with the value Thanos takes when re-downsampling).
   *
   * @return the timestamp of the last window
   */
  private long aggregateBatch(int from, int to, long resolution, AggrType single) {
    aggr.clear();
    long lastT = bufT[to - 1];
    long nextT = -1;
    for (int i = from; i < to; i++) {
      double v = bufV[i];
      if (StaleMarker.isStale(v)) {
        continue;
      }
      long t = bufT[i];
      if (t > nextT) {
        if (nextT != -1) {
          emit(nextT, single);
        }
        aggr.resetWindow();
        nextT = Math.min(windowEnd(t, resolution), lastT);
      }
      aggr.add(v);
    }
    emit(nextT, single);
    return nextT;
  }

  private void emit(long t, AggrType single) {
    if (single == null) {
      builder.addWindow(t, aggr);
      return;
    }
    builder.cover(t);
    double v = switch (single) {
      case COUNT, SUM -> aggr.sum;
      case MIN -> aggr.min;
      case MAX -> aggr.max;
      case COUNTER -> aggr.counter;
    };
    builder.append(single, t, v);
  }

  /**
   * Re-downsamples the aggregate chunks of one series (time ordered, non-overlapping) to a coarser
   * resolution, batching whole chunks: count windows sum the counts, sum sums, min and max take the
   * extremes, and the counter is re-aggregated from the reset-applied counter series keeping the first
   * and last raw value framing.
   *
   * @param mint min time of the first chunk
   * @param maxt max time of the last chunk
   */
  public List<DownsampledChunk> downsampleAggr(List<AggrChunk> chunks, long mint, long maxt, long inRes,
      long outRes) {
    if (outRes <= inRes) {
      throw new IllegalArgumentException("target resolution " + outRes + " not coarser than " + inRes);
    }
    List<DownsampledChunk> out = new ArrayList<>();
    if (chunks.isEmpty()) {
      return out;
    }
    int numSamples = 0;
    XorIterator it = new XorIterator();
    for (AggrChunk c : chunks) {
      if (c.has(AggrType.COUNT)) {
        c.iterator(AggrType.COUNT, it);
        numSamples += it.numSamples();
      }
    }
    int numChunks = targetChunkCount(mint, maxt, inRes, outRes, numSamples);
    // Thanos divides without a floor and would loop forever on 0; one chunk per batch is the closest sane.
    int batchSize = Math.max(1, chunks.size() / numChunks);
    for (int s = 0; s < chunks.size(); s += batchSize) {
      DownsampledChunk c = aggrBatch(chunks.subList(s, Math.min(chunks.size(), s + batchSize)), outRes);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private DownsampledChunk aggrBatch(List<AggrChunk> batch, long resolution) {
    builder.reset();
    for (AggrType type : new AggrType[] {AggrType.COUNT, AggrType.SUM, AggrType.MIN, AggrType.MAX}) {
      int m = expandAggregate(batch, type);
      if (m > 0) {
        builder.enable(type);
        aggregateBatch(0, m, resolution, type);
      }
    }
    List<XorIterator> counters = new ArrayList<>(batch.size());
    for (AggrChunk c : batch) {
      if (c.has(AggrType.COUNTER)) {
        XorIterator x = new XorIterator();
        c.iterator(AggrType.COUNTER, x);
        counters.add(x);
      }
    }
    CounterResetIterator cit = new CounterResetIterator(counters);
    int m = 0;
    long lastT = 0;
    while (cit.next()) {
      if (cit.atT() < lastT) {
        continue;
      }
      ensure(m + 1);
      bufT[m] = cit.atT();
      bufV[m] = cit.atV();
      lastT = bufT[m];
      m++;
    }
    if (m > 0) {
      builder.enable(AggrType.COUNTER);
      builder.append(AggrType.COUNTER, bufT[0], bufV[0]);
      long lastWindow = aggregateBatch(0, m, resolution, AggrType.COUNTER);
      builder.append(AggrType.COUNTER, lastWindow, cit.lastRawValue());
    }
    return builder.hasWindows() ? builder.encode() : null;
  }

  /** Expands one aggregate of all chunks into the buffer, skipping stale markers and going back in time. */
  private int expandAggregate(List<AggrChunk> batch, AggrType type) {
    XorIterator it = new XorIterator();
    int m = 0;
    long lastT = 0;
    for (AggrChunk c : batch) {
      if (!c.has(type)) {
        continue;
      }
      if (c.encoding(type) != ChunkEncoding.XOR) {
        throw new DownsampleException("aggregate " + type + " has unsupported encoding "
            + ChunkEncoding.name(c.encoding(type)) + " (native histograms are not downsampled yet)");
      }
      c.iterator(type, it);
      while (it.next()) {
        double v = it.atV();
        long t = it.atT();
        if (StaleMarker.isStale(v) || t < lastT) {
          continue;
        }
        ensure(m + 1);
        bufT[m] = t;
        bufV[m] = v;
        lastT = t;
        m++;
      }
    }
    return m;
  }

  private void ensure(int n) {
    if (bufT.length < n) {
      int cap = Math.max(n, bufT.length * 2);
      bufT = Arrays.copyOf(bufT, cap);
      bufV = Arrays.copyOf(bufV, cap);
    }
  }
}
