package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.FileSource;
import java.nio.charset.StandardCharsets;

/**
 * The symbol table of a mapped index (or of an index-header's exact copy of it): keeps the file offset of every 32nd symbol and a small
 * direct-mapped cache of decoded symbols; everything else is decoded from the file on demand.
 */
public final class IndexSymbols {

  private static final int CACHE_SIZE = 4096;

  /** A decoded symbol in the cache (immutable, so racy publication is safe). */
  private record Slot(int ord, String value) {}

  private final FileSource file;
  private final int count;
  private final long start;
  private final long end;
  private final long[] offsets;
  private final Slot[] cache = new Slot[CACHE_SIZE];

  /**
   * Scans the table once to sample offsets.
   *
   * @param tableOffset offset of the table's length field
   * @param len the table's length (CRC already verified)
   */
  public IndexSymbols(FileSource file, long tableOffset, long len) {
    this.file = file;
    this.start = tableOffset + 8;
    this.end = tableOffset + 4 + len;
    this.count = file.be32At(tableOffset + 4);
    if (count < 0 || count > len) {
      throw file.corrupt(tableOffset + 4, "symbol count " + count + " does not fit the table");
    }
    offsets = new long[(count + IndexFormat.SYMBOL_SAMPLING - 1) / IndexFormat.SYMBOL_SAMPLING];
    long p = start;
    for (int i = 0; i < count; i++) {
      if (i % IndexFormat.SYMBOL_SAMPLING == 0) {
        offsets[i / IndexFormat.SYMBOL_SAMPLING] = p;
      }
      long[] ls = uvarintAt(file, p, end);
      p += ls[1] + ls[0];
      if (p > end) {
        throw file.corrupt(p, "symbol " + i + " runs past the end of the symbol table");
      }
    }
  }

  /**
   * Loads the symbol table whose length field is at {@code tableOffset}, verifying its CRC.
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException when the table is truncated or fails its CRC
   */
  public static IndexSymbols load(FileSource file, long tableOffset) {
    long len = IndexSections.length(file, tableOffset, "symbol table");
    IndexSections.verifyCrc(file, tableOffset, len, "symbol table");
    return new IndexSymbols(file, tableOffset, len);
  }

  /** Number of symbols. */
  public int count() {
    return count;
  }

  /**
   * The symbol with ordinal {@code ord}.
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException when the ordinal is out of range
   */
  public String lookup(int ord) {
    if (ord < 0 || ord >= count) {
      throw file.corrupt(start, "symbol reference " + ord + " out of range (" + count + " symbols)");
    }
    Slot slot = cache[ord & (CACHE_SIZE - 1)];
    if (slot != null && slot.ord() == ord) {
      return slot.value();
    }
    long p = offsets[ord / IndexFormat.SYMBOL_SAMPLING];
    for (int i = ord % IndexFormat.SYMBOL_SAMPLING; i > 0; i--) {
      long[] ls = uvarintAt(file, p, end);
      p += ls[1] + ls[0];
    }
    long[] ls = uvarintAt(file, p, end);
    if (ls[0] > end - p - ls[1]) {
      throw file.corrupt(p, "symbol " + ord + " runs past the end of the symbol table");
    }
    String value = new String(file.read(p + ls[1], (int) ls[0]), StandardCharsets.UTF_8);
    cache[ord & (CACHE_SIZE - 1)] = new Slot(ord, value);
    return value;
  }

  /** Reads a uvarint at {@code pos} not beyond {@code end}; returns {value, encodedSize}. */
  static long[] uvarintAt(FileSource file, long pos, long end) {
    long x = 0;
    int shift = 0;
    for (int i = 0; i < 10; i++) {
      if (pos + i >= end) {
        throw file.corrupt(pos, "truncated uvarint");
      }
      int c = file.byteAt(pos + i);
      x |= (long) (c & 0x7F) << shift;
      if (c < 0x80) {
        return new long[] {x, i + 1};
      }
      shift += 7;
    }
    throw file.corrupt(pos, "uvarint overflows 64 bits");
  }
}
