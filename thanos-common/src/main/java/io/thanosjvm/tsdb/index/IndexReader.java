package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.FileSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
  private final PostingsOffsetTable postingsTable;

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
    toc = Toc.decode(file.path().toString(), tocPos, file.read(tocPos, IndexFormat.TOC_SIZE));

    // Symbols: verify the section CRC, remember every 32nd offset.
    symbols = IndexSymbols.load(file, toc.symbols());
    postingsTable = new PostingsOffsetTable(file, toc.postingsTable(), file.size(), toc.labelIndicesTable());
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
    return postingsTable.labelNames();
  }

  /** The sorted values of a label name (empty when unknown). Scans the postings offset table. */
  public List<String> labelValues(String name) {
    return postingsTable.values(name);
  }

  /** Number of distinct values of a label name (0 when unknown). */
  public int labelValueCount(String name) {
    return postingsTable.valueCount(name);
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
    postingsTable.forEachRange(name, fromValue, (value, start, end) -> v.visit(value, start));
  }

  /** The postings list of a label pair (empty when absent). */
  public int[] postings(String name, String value) {
    long[] r = postingsTable.range(name, value);
    return r == null ? Postings.EMPTY : readPostings(r[0]);
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
    byte[] b = file.read(offset, (int) len + 8);
    return IndexDecoding.decodePostings(file.path().toString(), offset, b, 0, b.length);
  }

  /**
   * Reads the series with reference {@code ref}.
   *
   * @throws CorruptBlockException on a bad reference, length, checksum or symbol
   */
  public SeriesEntry series(long ref) {
    byte[] b = seriesBytes(ref);
    return IndexDecoding.decodeSeries(file.path().toString(), ref, b, 0, b.length, this::symbol);
  }

  /**
   * Reads the series with reference {@code ref}, sorting (and reporting) a label set stored out of name order
   * instead of rejecting it: for verify and repair tools.
   *
   * @throws CorruptBlockException on a bad reference, length, checksum or symbol
   */
  public TolerantSeries seriesTolerant(long ref) {
    byte[] b = seriesBytes(ref);
    return IndexDecoding.decodeSeriesTolerant(file.path().toString(), ref, b, 0, b.length, this::symbol);
  }

  private byte[] seriesBytes(long ref) {
    long off = ref * IndexFormat.SERIES_ALIGNMENT;
    if (ref < 0 || off < toc.series() || off >= toc.labelIndices() && toc.labelIndices() > 0) {
      throw file.corrupt(off, "series reference " + ref + " outside the series section");
    }
    byte[] head = file.readUpTo(off, 10);
    long size = IndexDecoding.seriesEncodedSize(head, 0, head.length);
    if (size < 0 || size > file.size() - off) {
      throw file.corrupt(off, "series length runs past the end of the file");
    }
    byte[] b = file.read(off, (int) size);
    return b;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
