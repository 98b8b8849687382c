package io.thanosjvm.block.indexheader;

/**
 * Byte layout of the binary index-header: a 14-byte header (magic {@code 0xBAAAD792}, format version 1, the source
 * index version, the offset of the postings offset table in the source index), the symbol table copy, the
 * postings offset table copy, then a 20-byte TOC (symbols offset, postings offset table offset, CRC32C of both).
 */
public final class IndexHeaderFormat {

  /** Magic number at the start of an index-header. */
  public static final int MAGIC = 0xBAAAD792;
  /** The index-header format version written and read. */
  public static final int VERSION_1 = 1;
  /** Size of the header before the symbol table. */
  public static final int HEADER_SIZE = 4 + 1 + 1 + 8;
  /** Size of the trailing TOC. */
  public static final int TOC_SIZE = 8 + 8 + 4;
  /** The local file name, inside {@code <data-dir>/<ULID>/}. */
  public static final String FILE_NAME = "index-header";

  private IndexHeaderFormat() {}
}
