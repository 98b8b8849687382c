package io.thanosjvm.tsdb.wlog;

/** The fragment header constants of Prometheus 2.42's WAL (package-private). */
final class Fragments {

  /** Header: type byte, uint16 BE length, uint32 BE CRC32C of the payload. */
  static final int HEADER_SIZE = 7;
  /** Rest of the page is zero padding. */
  static final int PAGE_TERM = 0;
  /** A whole record. */
  static final int FULL = 1;
  /** The first fragment of a record. */
  static final int FIRST = 2;
  /** A middle fragment. */
  static final int MIDDLE = 3;
  /** The last fragment. */
  static final int LAST = 4;
  /** Bit 3 of the type byte: the record is snappy-compressed. */
  static final int SNAPPY_MASK = 0x08;
  /** Bits 0-2: the fragment type. */
  static final int TYPE_MASK = 0x07;
  /** Largest payload of one fragment. */
  static final int MAX_PAYLOAD = WalOptions.PAGE_SIZE - HEADER_SIZE;

  private Fragments() {}
}
