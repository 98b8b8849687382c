package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;

/**
 * The index table of contents: file offsets of the sections (0 = absent).
 *
 * @param symbols symbol table
 * @param series first series entry (before its padding)
 * @param labelIndices first label index
 * @param labelIndicesTable label offset table
 * @param postings first postings list
 * @param postingsTable postings offset table
 */
public record Toc(long symbols, long series, long labelIndices, long labelIndicesTable, long postings,
    long postingsTable) {

  /**
   * Decodes the {@link IndexFormat#TOC_SIZE} bytes of a TOC read at {@code tocPos} of {@code file}, checking its
   * CRC and that every offset lies before the TOC.
   *
   * @throws CorruptBlockException when the TOC is invalid
   */
  public static Toc decode(String file, long tocPos, byte[] t) {
    if (t.length != IndexFormat.TOC_SIZE) {
      throw new CorruptBlockException(file, tocPos, "TOC truncated to " + t.length + " bytes");
    }
    DecodeBuffer d = new DecodeBuffer(file, tocPos, t, 0, t.length);
    long[] o = new long[6];
    for (int i = 0; i < 6; i++) {
      o[i] = d.be64();
      if (o[i] < 0 || o[i] > tocPos) {
        throw new CorruptBlockException(file, tocPos + 8L * i, "TOC offset " + o[i] + " outside the file");
      }
    }
    int want = d.be32();
    if (want != Crc32c.of(t, 0, 48)) {
      throw new CorruptBlockException(file, tocPos + 48, "TOC checksum mismatch");
    }
    return new Toc(o[0], o[1], o[2], o[3], o[4], o[5]);
  }
}
