package io.thanosjvm.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.StaleMarker;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorChunkTest {

  private static void assertRoundTrip(long[] ts, long[] bits) {
    XorChunkWriter w = new XorChunkWriter();
    for (int i = 0; i < ts.length; i++) {
      w.append(ts[i], Double.longBitsToDouble(bits[i]));
    }
    byte[] data = w.bytes();
    assertThat(((data[0] & 0xFF) << 8) | (data[1] & 0xFF)).isEqualTo(ts.length);
    XorIterator it = new XorIterator(data);
    for (int i = 0; i < ts.length; i++) {
      assertThat(it.next()).isTrue();
      assertThat(it.atT()).as("t[%d]", i).isEqualTo(ts[i]);
      assertThat(Double.doubleToRawLongBits(it.atV())).as("v[%d]", i).isEqualTo(bits[i]);
    }
    assertThat(it.next()).isFalse();
    assertBulkDecodeEquals(data, ts, bits);
  }

  /** {@link XorIterator#decodeAll} gives the same samples, from the start and after a few {@code next()} calls. */
  private static void assertBulkDecodeEquals(byte[] data, long[] ts, long[] bits) {
    for (int skip : new int[] {0, 1, 2, 3, XorIterator.BATCH - 1, XorIterator.BATCH, XorIterator.BATCH + 1, 2 * XorIterator.BATCH + 5, ts.length}) {
      if (skip > ts.length) {
        continue;
      }
      XorIterator it = new XorIterator(data);
      for (int i = 0; i < skip; i++) {
        assertThat(it.next()).isTrue();
      }
      long[] outT = new long[ts.length + 1];
      double[] outV = new double[ts.length + 1];
      int n = it.decodeAll(outT, outV, 1);
      assertThat(n).as("samples after skipping %d", skip).isEqualTo(ts.length - skip);
      for (int i = 0; i < n; i++) {
        assertThat(outT[1 + i]).as("bulk t[%d] after %d", skip + i, skip).isEqualTo(ts[skip + i]);
        assertThat(Double.doubleToRawLongBits(outV[1 + i])).as("bulk v[%d]", skip + i).isEqualTo(bits[skip + i]);
      }
      assertThat(it.next()).isFalse();
      assertThat(it.atT()).isEqualTo(ts[ts.length - 1]);
    }
  }

  @Test
  void deltaOfDeltaBucketBoundariesRoundTrip() {
    long[] dods = {0, 1, -1, 8191, -8191, 8192, -8192, 65535, -65535, 65536, -65536, 65537, 524287, -524287,
        524288, -524288, 524289, 1L << 40, -(1L << 40), Long.MAX_VALUE / 4};
    long[] ts = new long[dods.length + 2];
    ts[0] = -5_000;
    ts[1] = 10_000;
    long delta = ts[1] - ts[0];
    for (int i = 0; i < dods.length; i++) {
      delta += dods[i];
      ts[i + 2] = ts[i + 1] + delta;
    }
    long[] bits = new long[ts.length];
    Arrays.fill(bits, Double.doubleToRawLongBits(1.5));
    assertRoundTrip(ts, bits);
  }

  @Test
  void specialValuesKeepTheirExactBits() {
    long[] bits = {StaleMarker.STALE_NAN_BITS, StaleMarker.NORMAL_NAN_BITS, Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), 0L, 0x8000000000000001L, 1L, -1L,
        Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(Double.MAX_VALUE),
        StaleMarker.STALE_NAN_BITS, Double.doubleToRawLongBits(42)};
    long[] ts = new long[bits.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1_700_000_000_000L + i * 15_000L;
    }
    assertRoundTrip(ts, bits);
  }

  @Test
  void randomSeriesRoundTripAndSeekFindsFirstSampleAtOrAfterTarget() {
    SplittableRandom r = new SplittableRandom(7);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(240);
      long[] ts = new long[n];
      long[] bits = new long[n];
      long t = r.nextLong(-1L << 40, 1L << 40);
      double v = r.nextDouble() * 1000;
      for (int i = 0; i < n; i++) {
        t += r.nextInt(5) == 0 ? r.nextInt(1, 1_000_000) : 15_000;
        v = r.nextInt(4) == 0 ? v : r.nextInt(3) == 0 ? r.nextDouble() : v + r.nextInt(100);
        ts[i] = t;
        bits[i] = Double.doubleToRawLongBits(v);
      }
      assertRoundTrip(ts, bits);
      XorChunkWriter w = new XorChunkWriter();
      for (int i = 0; i < n; i++) {
        w.append(ts[i], Double.longBitsToDouble(bits[i]));
      }
      int target = r.nextInt(n);
      XorIterator it = new XorIterator(w.bytes());
      assertThat(it.seek(ts[target] - 1)).isTrue();
      assertThat(it.atT()).isEqualTo(ts[target] - 1 >= ts[0] && target > 0 && ts[target - 1] >= ts[target] - 1
          ? ts[target - 1] : ts[target]);
      assertThat(it.seek(ts[n - 1] + 1)).isFalse();
    }
  }

  @Test
  void writerIsReusableAfterReset() {
    XorChunkWriter w = new XorChunkWriter();
    w.append(1, 1);
    w.append(2, 2);
    byte[] first = w.bytes();
    w.reset();
    w.append(1, 1);
    w.append(2, 2);
    assertThat(w.bytes()).isEqualTo(first);
    assertThat(w.numSamples()).isEqualTo(2);
  }

  @Test
  void truncatedChunkThrowsInsteadOfInventingSamples() {
    XorChunkWriter w = new XorChunkWriter();
    for (int i = 0; i < 100; i++) {
      w.append(i * 1000L, i * 1.25);
    }
    byte[] data = w.bytes();
    XorIterator it = new XorIterator();
    it.reset(data, 0, data.length / 2);
    assertThatThrownBy(() -> {
      while (it.next()) {
        // drain
      }
    }).isInstanceOf(ChunkFormatException.class).hasMessageContaining("truncated");
    XorIterator bulk = new XorIterator();
    bulk.reset(data, 0, data.length / 2);
    assertThatThrownBy(() -> bulk.decodeAll(new long[100], new double[100], 0))
        .isInstanceOf(ChunkFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> new XorIterator(data).decodeAll(new long[99], new double[99], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new XorIterator().reset(new byte[1], 0, 1)).isInstanceOf(ChunkFormatException.class);
  }

  @Test
  void aggregateChunkRoundTripsItsSubChunksAndRejectsBadSizes() {
    byte[][] parts = new byte[5][];
    for (int a = 0; a < 5; a++) {
      if (a == 2) {
        continue; // min absent
      }
      XorChunkWriter w = new XorChunkWriter();
      for (int i = 0; i < 10; i++) {
        w.append(300_000L * i, a * 100 + i);
      }
      parts[a] = w.bytes();
    }
    byte[] enc = AggrChunk.encodeXor(parts[0], parts[1], parts[2], parts[3], parts[4]);
    AggrChunk c = AggrChunk.parse(enc, 0, enc.length);
    assertThat(c.has(AggrType.MIN)).isFalse();
    XorIterator it = new XorIterator();
    for (AggrType t : new AggrType[] {AggrType.COUNT, AggrType.SUM, AggrType.MAX, AggrType.COUNTER}) {
      assertThat(c.bytes(t)).isEqualTo(parts[t.ordinal()]);
      assertThat(c.encoding(t)).isEqualTo(ChunkEncoding.XOR);
      c.iterator(t, it);
      assertThat(it.next()).isTrue();
      assertThat(it.atV()).isEqualTo(t.ordinal() * 100.0);
    }
    assertThatThrownBy(() -> c.iterator(AggrType.MIN, it)).isInstanceOf(ChunkFormatException.class);
    byte[] bad = enc.clone();
    bad[0] = (byte) 0x7F;
    assertThatThrownBy(() -> AggrChunk.parse(bad, 0, bad.length)).isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("invalid size");
  }
}
