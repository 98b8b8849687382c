package io.thanosjvm.tsdb.encoding;

import java.util.zip.CRC32C;

/** CRC-32 Castagnoli helpers; TSDB files store the checksum as 4 big-endian bytes. */
public final class Crc32c {

  private Crc32c() {}

  /** The CRC32C of {@code len} bytes of {@code b} from {@code off}. */
  public static int of(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }
}
