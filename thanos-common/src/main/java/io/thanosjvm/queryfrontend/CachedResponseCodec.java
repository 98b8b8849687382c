package io.thanosjvm.queryfrontend;


import io.thanosjvm.model.Labels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * This implementation's own self-describing binary encoding of a {@link CachedResponse} (not Thanos'
 * protobuf: the cache is private to the frontend, and a value written by another implementation is simply a
 * miss). Layout: magic {@code "TJQF"}, version byte 1, key (UTF), extent count, then per extent start, end,
 * warning count and warnings (UTF), series count, and per series label count, names and values (UTF), sample
 * count, the times (long) and the values (double bits). Decoding checks every count against the bytes left, so a
 * corrupt or foreign value is reported, never a huge allocation.
 */
public final class CachedResponseCodec {

  private static final int MAGIC = 0x544A5146;
  private static final int VERSION = 1;

  private CachedResponseCodec() {}

  /** The bytes of {@code r}. */
  public static byte[] encode(CachedResponse r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeByte(VERSION);
      out.writeUTF(r.key());
      out.writeInt(r.extents().size());
      for (Extent e : r.extents()) {
        out.writeLong(e.start());
        out.writeLong(e.end());
        Matrix m = e.response();
        out.writeInt(m.warnings().size());
        for (String w : m.warnings()) {
          out.writeUTF(w);
        }
        out.writeInt(m.series().size());
        for (MatrixSeries s : m.series()) {
          out.writeInt(s.labels().size());
          for (int i = 0; i < s.labels().size(); i++) {
            out.writeUTF(s.labels().name(i));
            out.writeUTF(s.labels().value(i));
          }
          out.writeInt(s.size());
          for (long t : s.timestamps()) {
            out.writeLong(t);
          }
          for (double v : s.values()) {
            out.writeLong(Double.doubleToRawLongBits(v));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws IllegalArgumentException when the bytes are not a value of this codec (message says where)
   */
  public static CachedResponse decode(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      if (bytes.length < 5 || in.readInt() != MAGIC || in.readByte() != VERSION) {
        throw new IllegalArgumentException("not a cached frontend response (bad magic or version)");
      }
      String key = in.readUTF();
      int extents = count(in, 16);
      List<Extent> out = new ArrayList<>(extents);
      for (int e = 0; e < extents; e++) {
        long start = in.readLong();
        long end = in.readLong();
        int warningCount = count(in, 2);
        List<String> warnings = new ArrayList<>(warningCount);
        for (int w = 0; w < warningCount; w++) {
          warnings.add(in.readUTF());
        }
        int seriesCount = count(in, 8);
        List<MatrixSeries> series = new ArrayList<>(seriesCount);
        for (int s = 0; s < seriesCount; s++) {
          int labelCount = count(in, 4);
          Labels.Builder b = Labels.builder();
          for (int l = 0; l < labelCount; l++) {
            b.set(in.readUTF(), in.readUTF());
          }
          int n = count(in, 16);
          long[] ts = new long[n];
          double[] vs = new double[n];
          for (int i = 0; i < n; i++) {
            ts[i] = in.readLong();
          }
          for (int i = 0; i < n; i++) {
            vs[i] = Double.longBitsToDouble(in.readLong());
          }
          series.add(new MatrixSeries(b.build(), ts, vs));
        }
        out.add(new Extent(start, end, new Matrix(series, warnings)));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("cached frontend response has " + in.available() + " trailing bytes");
      }
      return new CachedResponse(key, out);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated cached frontend response at offset "
          + (bytes.length - availableOrZero(in)) + ": " + e, e);
    }
  }

  private static int count(DataInputStream in, int minBytesEach) throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * minBytesEach > in.available()) {
      throw new IllegalArgumentException("corrupt cached frontend response: count " + n + " exceeds the "
          + in.available() + " bytes left");
    }
    return n;
  }

  private static int availableOrZero(DataInputStream in) {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }
}
