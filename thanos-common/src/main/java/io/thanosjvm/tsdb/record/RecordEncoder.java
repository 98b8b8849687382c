package io.thanosjvm.tsdb.record;

import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.encoding.Varints;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes Series, Samples and Tombstones records exactly as Prometheus 2.42's {@code record.Encoder}:
 * <pre>
 * Series     0x01 { uint64 BE ref | uvarint n | n x (uvarint len, name, uvarint len, value) }
 * Samples    0x02 [ uint64 BE first.ref | int64 BE first.t | { varint dRef | varint dT | uint64 BE value bits } ]
 * Tombstones 0x03 { uint64 BE ref | varint mint | varint maxt }
 * </pre>
 * Sample refs and timestamps are deltas to the first sample (which repeats with deltas 0, 0); an empty Samples
 * batch is the single type byte. The encoder keeps one growable scratch buffer; each call returns a new array of
 * the exact record length. Not thread-safe.
 */
public final class RecordEncoder {

  private byte[] buf = new byte[1024];

  private void ensure(int n) {
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
  }

  /** A Series record. */
  public byte[] series(SeriesRecord series) {
    int pos = 0;
    ensure(1);
    buf[pos++] = (byte) RecordType.SERIES.code();
    for (int i = 0; i < series.size(); i++) {
      Labels lset = series.labels(i);
      ensure(pos + 8 + Varints.MAX_LEN);
      pos = putBe64(buf, pos, series.ref(i));
      pos = Varints.putUvarint(buf, pos, lset.size());
      for (int j = 0; j < lset.size(); j++) {
        pos = putString(pos, lset.name(j));
        pos = putString(pos, lset.value(j));
      }
    }
    return Arrays.copyOf(buf, pos);
  }

  private int putString(int pos, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ensure(pos + Varints.MAX_LEN + b.length);
    pos = Varints.putUvarint(buf, pos, b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    return pos + b.length;
  }

  /** A Samples record. */
  public byte[] samples(SamplesRecord samples) {
    int n = samples.size();
    ensure(1 + 16 + n * (2 * Varints.MAX_LEN + 8));
    byte[] b = buf;
    int pos = 0;
    b[pos++] = (byte) RecordType.SAMPLES.code();
    if (n == 0) {
      return Arrays.copyOf(b, pos);
    }
    long[] refs = samples.refsArray();
    long[] ts = samples.timestampsArray();
    long[] vs = samples.valueBitsArray();
    long firstRef = refs[0];
    long firstT = ts[0];
    pos = putBe64(b, pos, firstRef);
    pos = putBe64(b, pos, firstT);
    for (int i = 0; i < n; i++) {
      pos = Varints.putVarint(b, pos, refs[i] - firstRef);
      pos = Varints.putVarint(b, pos, ts[i] - firstT);
      pos = putBe64(b, pos, vs[i]);
    }
    return Arrays.copyOf(b, pos);
  }

  /** A Tombstones record. */
  public byte[] tombstones(TombstonesRecord stones) {
    int n = stones.size();
    ensure(1 + n * (8 + 2 * Varints.MAX_LEN));
    int pos = 0;
    buf[pos++] = (byte) RecordType.TOMBSTONES.code();
    for (int i = 0; i < n; i++) {
      pos = putBe64(buf, pos, stones.ref(i));
      pos = Varints.putVarint(buf, pos, stones.mint(i));
      pos = Varints.putVarint(buf, pos, stones.maxt(i));
    }
    return Arrays.copyOf(buf, pos);
  }

  static int putBe64(byte[] b, int pos, long v) {
    b[pos] = (byte) (v >>> 56);
    b[pos + 1] = (byte) (v >>> 48);
    b[pos + 2] = (byte) (v >>> 40);
    b[pos + 3] = (byte) (v >>> 32);
    b[pos + 4] = (byte) (v >>> 24);
    b[pos + 5] = (byte) (v >>> 16);
    b[pos + 6] = (byte) (v >>> 8);
    b[pos + 7] = (byte) v;
    return pos + 8;
  }
}
