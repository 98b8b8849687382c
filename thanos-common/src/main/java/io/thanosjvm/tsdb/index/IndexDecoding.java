package io.thanosjvm.tsdb.index;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decoders of index entries from byte arrays, shared by the mapped {@link IndexReader} and by readers that
 * fetch byte ranges of an index from object storage. Every length is bounds-checked and every entry's CRC32C
 * verified; errors name the file and absolute offset.
 */
public final class IndexDecoding {

  private IndexDecoding() {}

  /**
   * The total encoded size (length field, body, CRC) of the series entry starting at {@code b[off]}, or -1
   * when fewer than the bytes of its length field are available.
   */
  public static long seriesEncodedSize(byte[] b, int off, int avail) {
    long x = 0;
    int shift = 0;
    for (int i = 0; i < Math.min(avail, 10); i++) {
      int c = b[off + i] & 0xFF;
      x |= (long) (c & 0x7F) << shift;
      if (c < 0x80) {
        return i + 1 + x + 4;
      }
      shift += 7;
    }
    return avail >= 10 ? Long.MAX_VALUE : -1;
  }

  /**
   * Decodes the series entry with reference {@code ref} whose encoding starts at {@code b[off]}.
   *
   * @param avail bytes available from {@code off}
   * @param symbols symbol lookup by ordinal
   * @throws CorruptBlockException on a bad length, checksum or symbol
   */
  public static SeriesEntry decodeSeries(String file, long ref, byte[] b, int off, int avail,
      IntFunction<String> symbols) {
    return decode(file, ref, b, off, avail, symbols, false).series();
  }

  /**
   * Decodes a series entry like {@link #decodeSeries}, but a label set stored out of name order (written by
   * Prometheus 2.8.0 and below) is sorted rather than rejected, and reported, for repair tools.
   *
   * @throws CorruptBlockException on a bad length, checksum or symbol, or duplicate label names
   */
  public static TolerantSeries decodeSeriesTolerant(String file, long ref, byte[] b, int off, int avail,
      IntFunction<String> symbols) {
    return decode(file, ref, b, off, avail, symbols, true);
  }

  private static TolerantSeries decode(String file, long ref, byte[] b, int off, int avail,
      IntFunction<String> symbols, boolean sortLabels) {
    long fileOff = ref * IndexFormat.SERIES_ALIGNMENT;
    DecodeBuffer h = new DecodeBuffer(file, fileOff, b, off, Math.min(avail, 10));
    long len = h.uvarint();
    int head = h.position() - off;
    if (len < 1 || len > avail - head - 4) {
      throw new CorruptBlockException(file, fileOff, "series length " + len + " runs past the end of the data");
    }
    int l = (int) len;
    int body = off + head;
    int want = ((b[body + l] & 0xFF) << 24) | ((b[body + l + 1] & 0xFF) << 16) | ((b[body + l + 2] & 0xFF) << 8)
        | (b[body + l + 3] & 0xFF);
    if (want != Crc32c.of(b, body, l)) {
      throw new CorruptBlockException(file, fileOff, "series checksum mismatch");
    }
    DecodeBuffer d = new DecodeBuffer(file, fileOff + head, b, body, l);
    int nl = d.uvarintInt(l, "label count");
    String[] ns = new String[nl];
    String[] vs = new String[nl];
    for (int i = 0; i < nl; i++) {
      ns[i] = symbols.apply(d.uvarintInt(Integer.MAX_VALUE, "label name symbol"));
      vs[i] = symbols.apply(d.uvarintInt(Integer.MAX_VALUE, "label value symbol"));
    }
    boolean unsorted = false;
    for (int i = 1; i < nl && sortLabels; i++) {
      unsorted |= Utf8Order.compare(ns[i - 1], ns[i]) > 0;
    }
    if (unsorted) {
      sortPairs(ns, vs);
    }
    Labels labels;
    try {
      labels = Labels.fromSortedArrays(ns, vs);
    } catch (IllegalArgumentException e) {
      throw new CorruptBlockException(file, fileOff, "series labels invalid: " + e.getMessage());
    }
    int nc = d.uvarintInt(l, "chunk count");
    List<ChunkMeta> chunks = new ArrayList<>(nc);
    if (nc > 0) {
      long mint = d.varint();
      long maxt = mint + d.uvarint();
      long cref = d.uvarint();
      chunks.add(meta(file, fileOff, mint, maxt, cref));
      for (int i = 1; i < nc; i++) {
        mint = maxt + d.uvarint();
        maxt = mint + d.uvarint();
        cref += d.varint();
        chunks.add(meta(file, fileOff, mint, maxt, cref));
      }
    }
    return new TolerantSeries(new SeriesEntry(ref, labels, chunks), unsorted);
  }

  private static void sortPairs(String[] ns, String[] vs) {
    Integer[] order = new Integer[ns.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Utf8Order.compare(ns[x], ns[y]));
    String[] n2 = new String[ns.length];
    String[] v2 = new String[vs.length];
    for (int i = 0; i < order.length; i++) {
      n2[i] = ns[order[i]];
      v2[i] = vs[order[i]];
    }
    System.arraycopy(n2, 0, ns, 0, ns.length);
    System.arraycopy(v2, 0, vs, 0, vs.length);
  }

  private static ChunkMeta meta(String file, long off, long mint, long maxt, long ref) {
    if (mint > maxt) {
      throw new CorruptBlockException(file, off, "chunk meta minTime " + mint + " after maxTime " + maxt);
    }
    return new ChunkMeta(mint, maxt, ref);
  }

  /**
   * Decodes the postings list whose length field starts at {@code b[off]} (file offset {@code fileOffset}).
   *
   * @param avail bytes available from {@code off}
   * @throws CorruptBlockException on a bad length, count, order or checksum
   */
  public static int[] decodePostings(String file, long fileOffset, byte[] b, int off, int avail) {
    if (avail < 8) {
      throw new CorruptBlockException(file, fileOffset, "postings list truncated");
    }
    long len = be32(b, off) & 0xFFFFFFFFL;
    if (len < 4 || len > avail - 8L) {
      throw new CorruptBlockException(file, fileOffset, "postings list length " + len
          + " invalid or past the end of the data");
    }
    int l = (int) len;
    int body = off + 4;
    if (be32(b, body + l) != Crc32c.of(b, body, l)) {
      throw new CorruptBlockException(file, fileOffset, "postings list checksum mismatch");
    }
    int n = be32(b, body);
    if (n < 0 || 4L + 4L * n != len) {
      throw new CorruptBlockException(file, fileOffset, "postings count " + n + " does not match length " + len);
    }
    int[] out = new int[n];
    int prev = -1;
    int p = body + 4;
    for (int i = 0; i < n; i++, p += 4) {
      int r = be32(b, p);
      if (r <= prev) {
        throw new CorruptBlockException(file, fileOffset + 8 + 4L * i,
            "postings not strictly ascending (or beyond 32 GiB)");
      }
      out[i] = r;
      prev = r;
    }
    return out;
  }

  /** The encoded size (length field, body, CRC) of the postings list starting at {@code b[off]}. */
  public static long postingsEncodedSize(byte[] b, int off) {
    return (be32(b, off) & 0xFFFFFFFFL) + 8;
  }

  private static int be32(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }
}
