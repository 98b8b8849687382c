package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.FileSource;
import java.util.zip.CRC32C;

/** Checks of length-prefixed, CRC32C-suffixed index sections (symbol table, postings offset table). */
final class IndexSections {

  private IndexSections() {}

  /** The section length stored at {@code off}, checked to lie inside the file. */
  static long length(FileSource file, long off, String what) {
    if (off == 0) {
      throw file.corrupt(off, what + " missing from TOC");
    }
    long len = file.be32At(off) & 0xFFFFFFFFL;
    if (len > file.size() - off - 8) {
      throw file.corrupt(off, what + " length " + len + " runs past the end of the file");
    }
    return len;
  }

  /** Verifies the section's CRC32C, in 1 MiB pieces so huge sections never need one big array. */
  static void verifyCrc(FileSource file, long off, long len, String what) {
    CRC32C crc = new CRC32C();
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
}
