package io.thanosjvm.tsdb.index;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;
import io.thanosjvm.tsdb.encoding.FileSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lazy, random-access reader of an index v2 file. The file is memory-mapped; the heap holds only the
 * TOC, the offset of every 32nd symbol and, per label name, every 32nd postings-offset entry plus the
 * last one, as Prometheus does. Symbols, series and postings are decoded on demand with CRC checks and
 * bounds-checked lengths. Thread-safe.
 */
public final class IndexReader implements Closeable {

  private final FileSource file;
  private final Toc toc;
  private final IndexSymbols symbols;
  private final Map<String, SampledName> names;
  private final List<String> sortedNames;
  private final long postingsTableEnd;

  /** Per label name: sampled (value, table offset, postings offset) entries. */
  private record SampledName(String[] values, long[] tableOffsets, long[] postingsOffsets, int valueCount) {}

  private IndexReader(FileSource file) {
    this.file = file;
    long size = file.size();
    if (size < IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE) {
      throw file.corrupt(0, "index too small (" + size + " bytes)");
    }
    int magic = file.be32At(0);
    if (magic != IndexFormat.MAGIC) {
      throw file.corrupt(0, String.format("invalid magic number %08x", magic));
    }
    int version = file.byteAt(4);
    if (version != IndexFormat.VERSION_2) {
      throw file.corrupt(4, "unsupported index version " + version + " (only 2 is supported)");
    }
    long tocPos = size - IndexFormat.TOC_SIZE;
    byte[] t = file.read(tocPos, IndexFormat.TOC_SIZE);
    DecodeBuffer d = new DecodeBuffer(file.path().toString(), tocPos, t, 0, t.length);
    long[] o = new long[6];
    for (int i = 0; i < 6; i++) {
      o[i] = d.be64();
      if (o[i] < 0 || o[i] > tocPos) {
        throw file.corrupt(tocPos + 8L * i, "TOC offset " + o[i] + " outside the file");
      }
    }
    int want = d.be32();
    if (want != Crc32c.of(t, 0, 48)) {
      throw file.corrupt(tocPos + 48, "TOC checksum mismatch");
    }
    toc = new Toc(o[0], o[1], o[2], o[3], o[4], o[5]);

    // Symbols: verify the section CRC, remember every 32nd offset.
    long symLen = sectionLength(toc.symbols(), "symbol table");
    verifyCrc(toc.symbols(), symLen, "symbol table");
    symbols = new IndexSymbols(file, toc.symbols(), symLen);

    // Postings offset table: stream once, keep every 32nd entry per name plus the last.
    long ptLen = sectionLength(toc.postingsTable(), "postings offset table");
    verifyCrc(toc.postingsTable(), ptLen, "postings offset table");
    postingsTableEnd = toc.postingsTable() + 4 + ptLen;
    names = new HashMap<>();
    sortedNames = new ArrayList<>();
    readPostingsTable();
  }

  /**
   * Opens an index file.
   *
   * @throws CorruptBlockException when header, TOC or tables are invalid
   */
  public static IndexReader open(Path path) throws IOException {
    FileSource f = FileSource.open(path);
    try {
      return new IndexReader(f);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  private long sectionLength(long off, String what) {
    if (off == 0) {
      throw file.corrupt(off, what + " missing from TOC");
    }
    long len = file.be32At(off) & 0xFFFFFFFFL;
    if (len > file.size() - off - 8) {
      throw file.corrupt(off, what + " length " + len + " runs past the end of the file");
    }
    return len;
  }

  private void verifyCrc(long off, long len, String what) {
    // Checked in 1 MiB pieces so huge sections never need one big array.
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    byte[] buf = new byte[(int) Math.min(len, 1 << 20)];
    long p = off + 4;
    long left = len;
    while (left > 0) {
      int n = (int) Math.min(left, buf.length);
      file.readFully(p, buf, 0, n);
      crc.update(buf, 0, n);
      p += n;
      left -= n;
    }
    int want = file.be32At(off + 4 + len);
    if (want != (int) crc.getValue()) {
      throw file.corrupt(off, what + " checksum mismatch");
    }
  }

  private void readPostingsTable() {
    long start = toc.postingsTable() + 4;
    int count = file.be32At(start);
    PostingsTableCursor c = new PostingsTableCursor(file, postingsTableEnd, start + 4);
    String curName = null;
    List<String> vals = new ArrayList<>();
    List<Long> tabs = new ArrayList<>();
    List<Long> offs = new ArrayList<>();
    int nValues = 0;
    String lastValue = null;
    long lastTab = 0;
    long lastOff = 0;
    for (int i = 0; i < count; i++) {
      if (!c.next()) {
        throw file.corrupt(c.pos, "postings offset table ends after " + i + " of " + count + " entries");
      }
      if (!c.name.equals(curName)) {
        if (curName != null) {
          if (Utf8Order.compare(curName, c.name) > 0) {
            throw file.corrupt(c.entryPos, "postings offset table not sorted by name");
          }
          finishName(curName, vals, tabs, offs, nValues, lastValue, lastTab, lastOff);
        }
        curName = c.name;
        vals.clear();
        tabs.clear();
        offs.clear();
        nValues = 0;
      }
      if (nValues % IndexFormat.POSTINGS_OFFSET_SAMPLING == 0) {
        vals.add(c.value);
        tabs.add(c.entryPos);
        offs.add(c.offset);
        lastValue = null;
      } else {
        lastValue = c.value;
        lastTab = c.entryPos;
        lastOff = c.offset;
      }
      nValues++;
    }
    if (curName != null) {
      finishName(curName, vals, tabs, offs, nValues, lastValue, lastTab, lastOff);
    }
    Collections.sort(sortedNames, Utf8Order.COMPARATOR);
  }

  private void finishName(String name, List<String> vals, List<Long> tabs, List<Long> offs, int n,
      String lastValue, long lastTab, long lastOff) {
    if (lastValue != null) {
      vals.add(lastValue);
      tabs.add(lastTab);
      offs.add(lastOff);
    }
    long[] t = new long[tabs.size()];
    long[] o = new long[offs.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = tabs.get(i);
      o[i] = offs.get(i);
    }
    if (names.put(name, new SampledName(vals.toArray(new String[0]), t, o, n)) != null) {
      throw file.corrupt(tabs.get(0), "label name " + name + " appears twice in the postings offset table");
    }
    if (!name.isEmpty()) {
      sortedNames.add(name);
    }
  }

  /** The table of contents. */
  public Toc toc() {
    return toc;
  }

  /** The index file. */
  public Path path() {
    return file.path();
  }

  /** Size of the index file in bytes. */
  public long size() {
    return file.size();
  }

  /** Number of symbols. */
  public int symbolCount() {
    return symbols.count();
  }

  /**
   * The symbol with ordinal {@code ord}.
   *
   * @throws CorruptBlockException when the ordinal is out of range
   */
  public String symbol(int ord) {
    return symbols.lookup(ord);
  }

  /** All symbols in order (reads the whole table; for tools and tests). */
  public List<String> symbols() {
    List<String> out = new ArrayList<>(symbols.count());
    for (int i = 0; i < symbols.count(); i++) {
      out.add(symbol(i));
    }
    return out;
  }

  /** The label names present, sorted. */
  public List<String> labelNames() {
    return Collections.unmodifiableList(sortedNames);
  }

  /** The sorted values of a label name (empty when unknown). Scans the postings offset table. */
  public List<String> labelValues(String name) {
    List<String> out = new ArrayList<>();
    forEachEntry(name, null, (value, off) -> {
      out.add(value);
      return true;
    });
    return out;
  }

  /** Number of distinct values of a label name (0 when unknown). */
  public int labelValueCount(String name) {
    SampledName s = names.get(name);
    return s == null ? 0 : s.valueCount();
  }

  /** Callback for postings offset table entries; return false to stop. */
  @FunctionalInterface
  public interface EntryVisitor {
    /** Visits one (value, postings offset) entry. */
    boolean visit(String value, long postingsOffset);
  }

  /**
   * Visits the postings offset entries of {@code name} in value order, starting at the last sampled
   * entry at or before {@code fromValue} (or the first when null).
   */
  public void forEachEntry(String name, String fromValue, EntryVisitor v) {
    SampledName s = names.get(name);
    if (s == null) {
      return;
    }
    int i = 0;
    if (fromValue != null) {
      int lo = 0;
      int hi = s.values().length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (Utf8Order.compare(s.values()[mid], fromValue) <= 0) {
          i = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
    }
    PostingsTableCursor c = new PostingsTableCursor(file, postingsTableEnd, s.tableOffsets()[i]);
    while (c.next()) {
      if (!c.name.equals(name)) {
        return;
      }
      if (!v.visit(c.value, c.offset)) {
        return;
      }
    }
  }

  /** The postings list of a label pair (empty when absent). */
  public int[] postings(String name, String value) {
    long[] found = {-1};
    forEachEntry(name, value, (v, off) -> {
      int c = Utf8Order.compare(v, value);
      if (c == 0) {
        found[0] = off;
      }
      return c < 0;
    });
    return found[0] < 0 ? Postings.EMPTY : readPostings(found[0]);
  }

  /** The postings list of every series. */
  public int[] allPostings() {
    return postings("", "");
  }

  /** The number of series in the postings list at {@code offset}, without reading the list. */
  public int postingsCount(long offset) {
    long len = file.be32At(offset) & 0xFFFFFFFFL;
    int n = file.be32At(offset + 4);
    if (len < 4 || len > file.size() - offset - 8 || n < 0 || 4L + 4L * n != len) {
      throw file.corrupt(offset, "postings list length " + len + " / count " + n + " invalid");
    }
    return n;
  }

  /**
   * Decodes the postings list stored at {@code offset}.
   *
   * @throws CorruptBlockException on a bad length or checksum
   */
  public int[] readPostings(long offset) {
    long len = file.be32At(offset) & 0xFFFFFFFFL;
    if (len < 4 || len > file.size() - offset - 8) {
      throw file.corrupt(offset, "postings list length " + len + " invalid or past the end of the file");
    }
    byte[] b = file.read(offset + 4, (int) len + 4);
    int want = ((b[(int) len] & 0xFF) << 24) | ((b[(int) len + 1] & 0xFF) << 16) | ((b[(int) len + 2] & 0xFF) << 8)
        | (b[(int) len + 3] & 0xFF);
    if (want != Crc32c.of(b, 0, (int) len)) {
      throw file.corrupt(offset, "postings list checksum mismatch");
    }
    DecodeBuffer d = new DecodeBuffer(file.path().toString(), offset + 4, b, 0, (int) len);
    int n = d.be32();
    if (n < 0 || 4L + 4L * n != len) {
      throw file.corrupt(offset, "postings count " + n + " does not match length " + len);
    }
    int[] out = new int[n];
    int prev = -1;
    for (int i = 0; i < n; i++) {
      int r = d.be32();
      if (r <= prev) {
        throw file.corrupt(offset + 8 + 4L * i, "postings not strictly ascending (or beyond 32 GiB)");
      }
      out[i] = r;
      prev = r;
    }
    return out;
  }

  /**
   * Reads the series with reference {@code ref}.
   *
   * @throws CorruptBlockException on a bad reference, length, checksum or symbol
   */
  public SeriesEntry series(long ref) {
    long off = ref * IndexFormat.SERIES_ALIGNMENT;
    if (ref < 0 || off < toc.series() || off >= toc.labelIndices() && toc.labelIndices() > 0) {
      throw file.corrupt(off, "series reference " + ref + " outside the series section");
    }
    byte[] head = file.readUpTo(off, 10);
    DecodeBuffer h = new DecodeBuffer(file.path().toString(), off, head, 0, head.length);
    long len = h.uvarint();
    long bodyStart = off + (h.position());
    if (len < 1 || len > file.size() - bodyStart - 4) {
      throw file.corrupt(off, "series length " + len + " runs past the end of the file");
    }
    byte[] b = file.read(bodyStart, (int) len + 4);
    int l = (int) len;
    int want = ((b[l] & 0xFF) << 24) | ((b[l + 1] & 0xFF) << 16) | ((b[l + 2] & 0xFF) << 8) | (b[l + 3] & 0xFF);
    if (want != Crc32c.of(b, 0, l)) {
      throw file.corrupt(off, "series checksum mismatch");
    }
    DecodeBuffer d = new DecodeBuffer(file.path().toString(), bodyStart, b, 0, l);
    int nl = d.uvarintInt(l, "label count");
    String[] ns = new String[nl];
    String[] vs = new String[nl];
    for (int i = 0; i < nl; i++) {
      ns[i] = symbol(d.uvarintInt(Integer.MAX_VALUE, "label name symbol"));
      vs[i] = symbol(d.uvarintInt(Integer.MAX_VALUE, "label value symbol"));
    }
    Labels labels;
    try {
      labels = Labels.fromSortedArrays(ns, vs);
    } catch (IllegalArgumentException e) {
      throw file.corrupt(off, "series labels invalid: " + e.getMessage());
    }
    int nc = d.uvarintInt(l, "chunk count");
    List<ChunkMeta> chunks = new ArrayList<>(nc);
    if (nc > 0) {
      long mint = d.varint();
      long maxt = mint + d.uvarint();
      long cref = d.uvarint();
      chunks.add(meta(off, mint, maxt, cref));
      for (int i = 1; i < nc; i++) {
        mint = maxt + d.uvarint();
        maxt = mint + d.uvarint();
        cref += d.varint();
        chunks.add(meta(off, mint, maxt, cref));
      }
    }
    return new SeriesEntry(ref, labels, chunks);
  }

  private ChunkMeta meta(long off, long mint, long maxt, long ref) {
    if (mint > maxt) {
      throw file.corrupt(off, "chunk meta minTime " + mint + " after maxTime " + maxt);
    }
    return new ChunkMeta(mint, maxt, ref);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
