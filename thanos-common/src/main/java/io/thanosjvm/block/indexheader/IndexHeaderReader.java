package io.thanosjvm.block.indexheader;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.FileSource;
import io.thanosjvm.tsdb.index.IndexFormat;
import io.thanosjvm.tsdb.index.IndexSymbols;
import io.thanosjvm.tsdb.index.PostingsOffsetTable;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory-mapped index-header: symbols by ordinal, label names and values, and the byte range of any postings
 * list in the remote index. The heap holds only every 32nd symbol offset and every 32nd postings offset table
 * entry; the rest stays in the mapped file (the operating system's page cache). Thread-safe.
 */
public final class IndexHeaderReader implements Closeable {

  private final FileSource file;
  private final IndexSymbols symbols;
  private final PostingsOffsetTable postings;
  private final long indexPostingsTableOffset;

  private IndexHeaderReader(FileSource file) {
    this.file = file;
    long size = file.size();
    if (size < IndexHeaderFormat.HEADER_SIZE + IndexHeaderFormat.TOC_SIZE) {
      throw file.corrupt(0, "index-header too small (" + size + " bytes)");
    }
    int magic = file.be32At(0);
    if (magic != IndexHeaderFormat.MAGIC) {
      throw file.corrupt(0, String.format("invalid index-header magic number %08x", magic));
    }
    if (file.byteAt(4) != IndexHeaderFormat.VERSION_1) {
      throw file.corrupt(4, "unsupported index-header version " + file.byteAt(4));
    }
    if (file.byteAt(5) != IndexFormat.VERSION_2) {
      throw file.corrupt(5, "unsupported source index version " + file.byteAt(5));
    }
    indexPostingsTableOffset = ((long) file.be32At(6) << 32) | (file.be32At(10) & 0xFFFFFFFFL);
    long tocPos = size - IndexHeaderFormat.TOC_SIZE;
    byte[] t = file.read(tocPos, IndexHeaderFormat.TOC_SIZE);
    if (java.nio.ByteBuffer.wrap(t, 16, 4).getInt() != Crc32c.of(t, 0, 16)) {
      throw file.corrupt(tocPos + 16, "index-header TOC checksum mismatch");
    }
    long symOff = java.nio.ByteBuffer.wrap(t, 0, 8).getLong();
    long potOff = java.nio.ByteBuffer.wrap(t, 8, 8).getLong();
    if (symOff < IndexHeaderFormat.HEADER_SIZE || potOff <= symOff || potOff >= tocPos) {
      throw file.corrupt(tocPos, "index-header TOC offsets " + symOff + "/" + potOff + " invalid");
    }
    symbols = IndexSymbols.load(file, symOff);
    // Every postings list lies before the postings offset table of the source index: that bounds the last one.
    postings = new PostingsOffsetTable(file, potOff, indexPostingsTableOffset, indexPostingsTableOffset);
  }

  /**
   * Opens and validates an index-header file.
   *
   * @throws CorruptBlockException when the file is invalid (delete it and build it again)
   */
  public static IndexHeaderReader open(Path path) throws IOException {
    FileSource f = FileSource.open(path);
    try {
      return new IndexHeaderReader(f);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** The symbol with ordinal {@code ord}. */
  public String symbol(int ord) {
    return symbols.lookup(ord);
  }

  /** The label names, sorted. */
  public List<String> labelNames() {
    return postings.labelNames();
  }

  /** The sorted values of a label name. */
  public List<String> labelValues(String name) {
    return postings.values(name);
  }

  /** The postings offset table (value → byte range of its postings list in the remote index). */
  public PostingsOffsetTable postingsTable() {
    return postings;
  }

  /** Offset of the postings offset table in the source index (an upper bound of every postings list). */
  public long indexPostingsTableOffset() {
    return indexPostingsTableOffset;
  }

  /** Size of the index-header file. */
  public long size() {
    return file.size();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
