package io.thanosjvm.tsdb.index;

/** Constants of the index file format v2. */
public final class IndexFormat {

  /** Magic number at the start of the index. */
  public static final int MAGIC = 0xBAAAD700;
  /** The index format version this package reads and writes. */
  public static final int VERSION_2 = 2;
  /** Size of the header: magic and version byte. */
  public static final int HEADER_SIZE = 5;
  /** Size of the table of contents at the end of the file. */
  public static final int TOC_SIZE = 6 * 8 + 4;
  /** Series entries are aligned to this many bytes; a series reference is its offset divided by it. */
  public static final int SERIES_ALIGNMENT = 16;
  /** Postings lists and label indices are aligned to this many bytes. */
  public static final int POSTINGS_ALIGNMENT = 4;
  /** Sampling of the postings offset table kept in memory by readers. */
  public static final int POSTINGS_OFFSET_SAMPLING = 32;
  /** Sampling of symbol offsets kept in memory by readers. */
  public static final int SYMBOL_SAMPLING = 32;

  private IndexFormat() {}
}
