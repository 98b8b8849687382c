package io.thanosjvm.tsdb.index;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.encoding.Varints;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an index v2 file with the layout of Prometheus 2.42: header, symbol table, 16-byte aligned
 * series, label indices, 4-byte aligned postings (the all-series list first), label offset table,
 * postings offset table and TOC, each section length-prefixed and CRC32C-protected.
 *
 * <p>Symbols are given up front (sorted); series are then streamed in label order. Memory holds the
 * symbols and the postings as primitive int arrays, never the series.
 */
public final class IndexWriter implements Closeable {

  private final IndexOutput out;
  private final List<String> symbols;
  private final Map<String, Integer> ordinals;
  private final PostingsAccumulator postings = new PostingsAccumulator();
  private int[] allRefs = new int[1024];
  private int seriesCount;
  private long tocSeries;
  private Labels last;
  private long maxSeriesSize;
  private boolean closed;

  /**
   * Creates the file and writes the header and symbol table.
   *
   * @param symbols every label name and value, strictly ascending in UTF-8 byte order
   */
  public IndexWriter(Path file, List<String> symbols) throws IOException {
    this.symbols = List.copyOf(symbols);
    this.ordinals = new HashMap<>(symbols.size() * 2);
    for (int i = 0; i < this.symbols.size(); i++) {
      if (i > 0 && Utf8Order.compare(this.symbols.get(i - 1), this.symbols.get(i)) >= 0) {
        throw new IllegalArgumentException("symbols not strictly ascending at " + i + ": "
            + this.symbols.get(i - 1) + ", " + this.symbols.get(i));
      }
      ordinals.put(this.symbols.get(i), i);
    }
    out = new IndexOutput(file);
    out.be32(IndexFormat.MAGIC);
    out.writeByte(IndexFormat.VERSION_2);
    writeSymbols();
    tocSeries = out.position();
  }

  private void writeSymbols() throws IOException {
    long len = 4;
    for (String s : symbols) {
      int n = s.getBytes(StandardCharsets.UTF_8).length;
      len += Varints.uvarintSize(n) + n;
    }
    if (len > 0xFFFFFFFFL) {
      throw new IOException("symbol table too large: " + len + " bytes");
    }
    out.be32(len);
    out.resetCrc();
    out.be32(symbols.size());
    for (String s : symbols) {
      out.uvarintString(s);
    }
    out.writeCrc();
  }

  private int ordinal(String s) {
    Integer o = ordinals.get(s);
    if (o == null) {
      throw new IllegalArgumentException("string not in the symbol table: " + s);
    }
    return o;
  }

  /**
   * Adds the next series. Series must come in strictly ascending label order.
   *
   * @return the series reference (offset / 16)
   */
  public long addSeries(Labels labels, List<ChunkMeta> chunks) throws IOException {
    int n = chunks.size();
    long[] mint = new long[n];
    long[] maxt = new long[n];
    long[] refs = new long[n];
    for (int i = 0; i < n; i++) {
      mint[i] = chunks.get(i).minTime();
      maxt[i] = chunks.get(i).maxTime();
      refs[i] = chunks.get(i).ref();
    }
    return addSeries(labels, mint, maxt, refs, n);
  }

  /** Adds the next series from primitive chunk meta arrays (first {@code n} entries). */
  public long addSeries(Labels labels, long[] mint, long[] maxt, long[] refs, int n) throws IOException {
    if (last != null && last.compareTo(labels) >= 0) {
      throw new IllegalArgumentException("series out of order: " + labels + " after " + last);
    }
    last = labels;
    out.pad(IndexFormat.SERIES_ALIGNMENT);
    long start = out.position();
    long ref = start / IndexFormat.SERIES_ALIGNMENT;
    if (ref > Integer.MAX_VALUE) {
      throw new IOException("index exceeds 32 GiB of series, which this implementation does not support");
    }
    byte[] body = encodeSeries(labels, mint, maxt, refs, n, (int) ref);
    out.uvarint(body.length);
    out.resetCrc();
    out.write(body, 0, body.length);
    out.writeCrc();
    maxSeriesSize = Math.max(maxSeriesSize, out.position() - start);
    if (seriesCount == allRefs.length) {
      allRefs = Arrays.copyOf(allRefs, seriesCount * 2);
    }
    allRefs[seriesCount++] = (int) ref;
    return ref;
  }

  private byte[] encodeSeries(Labels labels, long[] mint, long[] maxt, long[] refs, int n, int ref) {
    byte[] b = new byte[10 * (1 + labels.size() * 2 + 1 + n * 3)];
    int p = Varints.putUvarint(b, 0, labels.size());
    for (int i = 0; i < labels.size(); i++) {
      int no = ordinal(labels.name(i));
      int vo = ordinal(labels.value(i));
      p = Varints.putUvarint(b, p, no);
      p = Varints.putUvarint(b, p, vo);
      postings.add(no, vo, ref);
    }
    p = Varints.putUvarint(b, p, n);
    if (n > 0) {
      p = Varints.putVarint(b, p, mint[0]);
      p = Varints.putUvarint(b, p, maxt[0] - mint[0]);
      p = Varints.putUvarint(b, p, refs[0]);
      for (int i = 1; i < n; i++) {
        p = Varints.putUvarint(b, p, mint[i] - maxt[i - 1]);
        p = Varints.putUvarint(b, p, maxt[i] - mint[i]);
        p = Varints.putVarint(b, p, refs[i] - refs[i - 1]);
      }
    }
    return Arrays.copyOf(b, p);
  }

  /** Number of series added. */
  public int seriesCount() {
    return seriesCount;
  }

  /** Largest series entry written, in bytes (Thanos' series_max_size). */
  public long maxSeriesSize() {
    return maxSeriesSize;
  }

  /** Writes label indices, postings, both offset tables and the TOC, then closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
    } finally {
      out.close();
    }
  }

  private void finish() throws IOException {
    long[] keys = postings.sortedKeys();
    long tocLabelIndices = out.position();
    List<Long> labelIndexOffsets = new ArrayList<>();
    List<Integer> labelIndexNames = new ArrayList<>();
    for (int i = 0; i < keys.length; ) {
      int name = (int) (keys[i] >>> 32);
      int j = i;
      while (j < keys.length && (int) (keys[j] >>> 32) == name) {
        j++;
      }
      out.pad(IndexFormat.POSTINGS_ALIGNMENT);
      labelIndexOffsets.add(out.position());
      labelIndexNames.add(name);
      out.be32(4 + 4 + 4L * (j - i));
      out.resetCrc();
      out.be32(1);
      out.be32(j - i);
      for (int k = i; k < j; k++) {
        out.be32((int) keys[k]);
      }
      out.writeCrc();
      i = j;
    }

    long tocPostings = out.position();
    out.pad(IndexFormat.POSTINGS_ALIGNMENT);
    long[] postingOffsets = new long[keys.length + 1];
    postingOffsets[0] = out.position();
    writePostingsList(allRefs, seriesCount);
    for (int i = 0; i < keys.length; i++) {
      postingOffsets[i + 1] = out.position();
      writePostingsList(postings.list(keys[i]), postings.size(keys[i]));
    }

    long tocLabelTable = out.position();
    byte[] tableBody = labelOffsetTable(labelIndexNames, labelIndexOffsets);
    out.be32(tableBody.length);
    out.resetCrc();
    out.write(tableBody, 0, tableBody.length);
    out.writeCrc();

    long tocPostingsTable = out.position();
    byte[] pt = postingsOffsetTable(keys, postingOffsets);
    out.be32(pt.length);
    out.resetCrc();
    out.write(pt, 0, pt.length);
    out.writeCrc();

    out.resetCrc();
    out.be64(5);
    out.be64(tocSeries);
    out.be64(tocLabelIndices);
    out.be64(tocLabelTable);
    out.be64(tocPostings);
    out.be64(tocPostingsTable);
    out.writeCrc();
  }

  private void writePostingsList(int[] refs, int n) throws IOException {
    out.be32(4 + 4L * n);
    out.resetCrc();
    out.be32(n);
    for (int i = 0; i < n; i++) {
      out.be32(refs[i]);
    }
    out.writeCrc();
  }

  private byte[] labelOffsetTable(List<Integer> names, List<Long> offsets) {
    Buf b = new Buf();
    b.be32(names.size());
    for (int i = 0; i < names.size(); i++) {
      b.uvarint(1);
      b.string(symbols.get(names.get(i)));
      b.uvarint(offsets.get(i));
    }
    return b.bytes();
  }

  private byte[] postingsOffsetTable(long[] keys, long[] offsets) {
    Buf b = new Buf();
    b.be32(keys.length + 1);
    b.uvarint(2);
    b.string("");
    b.string("");
    b.uvarint(offsets[0]);
    for (int i = 0; i < keys.length; i++) {
      b.uvarint(2);
      b.string(symbols.get((int) (keys[i] >>> 32)));
      b.string(symbols.get((int) keys[i]));
      b.uvarint(offsets[i + 1]);
    }
    return b.bytes();
  }

  /** A growable byte buffer for the small tables. */
  private static final class Buf extends java.io.ByteArrayOutputStream {
    private final byte[] tmp = new byte[10];

    void be32(int v) {
      write(v >>> 24);
      write(v >>> 16);
      write(v >>> 8);
      write(v);
    }

    void uvarint(long v) {
      write(tmp, 0, Varints.putUvarint(tmp, 0, v));
    }

    void string(String s) {
      byte[] x = s.getBytes(StandardCharsets.UTF_8);
      uvarint(x.length);
      write(x, 0, x.length);
    }

    byte[] bytes() {
      return toByteArray();
    }
  }
}
