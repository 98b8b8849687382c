package io.thanosjvm.query.downsample;

import com.google.protobuf.ByteString;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.tsdb.chunkenc.ChunkFormatException;
import io.thanosjvm.tsdb.chunkenc.CounterResetIterator;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the chunks of one series returned for a request with the given aggregates, as Thanos' querier does:
 * each chunk gives the requested aggregate, or its raw data when it has no such aggregate (raw blocks);
 * COUNT+SUM gives {@code sum / count} per window unless the chunk is raw; COUNTER goes through the
 * reset-applying iterator, which uses the counter sub-chunks' first/last raw-value framing to see resets across
 * chunks. Chunks are read in order and a chunk's samples not after the last one read are skipped (overlaps).
 * Values land in primitive arrays; nothing is boxed per sample.
 */
public final class AggrChunkReader {

  private enum Mode { SINGLE, AVERAGE, COUNTER }

  private final Mode mode;
  private final Aggr single;

  private AggrChunkReader(Mode mode, Aggr single) {
    this.mode = mode;
    this.single = single;
  }

  /**
   * The reader for a request's aggregates: one of COUNT, SUM, MIN, MAX, COUNTER, or COUNT and SUM together.
   *
   * @throws IllegalArgumentException for any other combination (Thanos answers "unexpected result aggregate
   *     type")
   */
  public static AggrChunkReader of(List<Aggr> aggregates) {
    if (aggregates.size() == 1) {
      Aggr a = aggregates.get(0);
      return switch (a) {
        case COUNT, SUM, MIN, MAX -> new AggrChunkReader(Mode.SINGLE, a);
        case COUNTER -> new AggrChunkReader(Mode.COUNTER, a);
        default -> throw new IllegalArgumentException("unexpected result aggregate type " + aggregates);
      };
    }
    if (aggregates.size() == 2 && aggregates.contains(Aggr.COUNT) && aggregates.contains(Aggr.SUM)) {
      return new AggrChunkReader(Mode.AVERAGE, null);
    }
    throw new IllegalArgumentException("unexpected result aggregate type " + aggregates);
  }

  /** Whether any chunk carries aggregate sub-chunks, i.e. came from a downsampled block. */
  public static boolean anyAggregate(List<AggrChunk> chunks) {
    for (AggrChunk c : chunks) {
      if (c.hasCount() || c.hasSum() || c.hasMin() || c.hasMax() || c.hasCounter()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the chunks (in the order given, usually by min time).
   *
   * @throws QueryExecutionException when a chunk has neither the requested aggregate nor raw data, or holds
   *     data that is not a float XOR chunk, or is corrupt
   */
  public DecodedSamples read(List<AggrChunk> chunks) {
    try {
      return mode == Mode.COUNTER ? readCounter(chunks) : readWindows(chunks);
    } catch (ChunkFormatException e) {
      throw new QueryExecutionException("decoding downsampled chunk: " + e.getMessage(), e);
    }
  }

  private DecodedSamples readWindows(List<AggrChunk> chunks) {
    int capacity = 0;
    for (AggrChunk c : chunks) {
      capacity += sampleCount(mode == Mode.AVERAGE && !c.hasRaw() ? need(c, Aggr.COUNT) : primary(c));
    }
    long[] ts = new long[capacity];
    double[] vs = new double[capacity];
    int n = 0;
    XorIterator it = new XorIterator();
    XorIterator sums = new XorIterator();
    for (AggrChunk c : chunks) {
      if (mode == Mode.AVERAGE && !c.hasRaw()) {
        point(it, need(c, Aggr.COUNT));
        point(sums, need(c, Aggr.SUM));
        while (true) {
          boolean hasCount = it.next();
          boolean hasSum = sums.next();
          if (hasCount != hasSum) {
            throw new QueryExecutionException("sum and count iterator not aligned in chunk " + range(c));
          }
          if (!hasCount) {
            break;
          }
          if (it.atT() != sums.atT()) {
            throw new QueryExecutionException("sum and count timestamps not aligned in chunk " + range(c));
          }
          n = append(ts, vs, n, it.atT(), sums.atV() / it.atV());
        }
      } else {
        point(it, primary(c));
        while (it.next()) {
          n = append(ts, vs, n, it.atT(), it.atV());
        }
      }
    }
    return new DecodedSamples(ts, vs, n);
  }

  private static int append(long[] ts, double[] vs, int n, long t, double v) {
    if (n > 0 && t <= ts[n - 1]) {
      return n; // overlapping chunk: never go back in time
    }
    if (n == ts.length) {
      throw new QueryExecutionException("chunk holds more samples than its header says");
    }
    ts[n] = t;
    vs[n] = v;
    return n + 1;
  }

  private DecodedSamples readCounter(List<AggrChunk> chunks) {
    List<XorIterator> its = new ArrayList<>(chunks.size());
    int capacity = 0;
    for (AggrChunk c : chunks) {
      Chunk sub = primary(c);
      capacity += sampleCount(sub);
      XorIterator it = new XorIterator();
      point(it, sub);
      its.add(it);
    }
    long[] ts = new long[Math.max(capacity, 1)];
    double[] vs = new double[ts.length];
    int n = 0;
    CounterResetIterator counter = new CounterResetIterator(its);
    while (counter.next()) {
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ts[n] = counter.atT();
      vs[n] = counter.atV();
      n++;
    }
    return new DecodedSamples(ts, vs, n);
  }

  /** The requested aggregate of a chunk, else its raw data. */
  private Chunk primary(AggrChunk c) {
    Chunk agg = mode == Mode.AVERAGE ? null : switch (single) {
      case COUNT -> c.hasCount() ? c.getCount() : null;
      case SUM -> c.hasSum() ? c.getSum() : null;
      case MIN -> c.hasMin() ? c.getMin() : null;
      case MAX -> c.hasMax() ? c.getMax() : null;
      case COUNTER -> c.hasCounter() ? c.getCounter() : null;
      default -> null;
    };
    if (agg != null) {
      return agg;
    }
    if (c.hasRaw()) {
      return c.getRaw();
    }
    throw new QueryExecutionException("chunk " + range(c) + " has neither the " + single
        + " aggregate nor raw data");
  }

  private static Chunk need(AggrChunk c, Aggr a) {
    Chunk sub = a == Aggr.COUNT ? (c.hasCount() ? c.getCount() : null) : (c.hasSum() ? c.getSum() : null);
    if (sub == null) {
      throw new QueryExecutionException("chunk " + range(c) + " has neither raw data nor the " + a
          + " aggregate needed for an average");
    }
    return sub;
  }

  private static void point(XorIterator it, Chunk sub) {
    if (sub.getType() != Chunk.Encoding.XOR) {
      throw new QueryExecutionException("chunk encoding " + sub.getType()
          + " is not supported for downsampled reads (float XOR only)");
    }
    byte[] data = sub.getData().toByteArray();
    it.reset(data, 0, data.length);
  }

  /** The sample count in an XOR chunk's two-byte header (0 when too short). */
  private static int sampleCount(Chunk sub) {
    ByteString d = sub.getData();
    return d.size() < 2 ? 0 : ((d.byteAt(0) & 0xff) << 8) | (d.byteAt(1) & 0xff);
  }

  private static String range(AggrChunk c) {
    return "[" + c.getMinTime() + ", " + c.getMaxTime() + "]";
  }
}
