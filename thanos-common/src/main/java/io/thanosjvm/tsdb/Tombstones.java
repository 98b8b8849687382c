package io.thanosjvm.tsdb;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block's {@code tombstones} file: magic {@code 0x0130BA30}, version 1, then entries of
 * (uvarint series ref, varint mint, varint maxt) and a CRC32C over the entries. Deleted intervals are
 * closed. The empty file is exactly 9 bytes.
 */
public final class Tombstones {

  /** The file name. */
  public static final String FILE_NAME = "tombstones";
  /** The magic number. */
  public static final int MAGIC = 0x0130BA30;
  /** An empty tombstones file. */
  private static final byte[] EMPTY_FILE = {0x01, 0x30, (byte) 0xba, 0x30, 0x01, 0, 0, 0, 0};
  /** Tombstones with no entries. */
  public static final Tombstones NONE = new Tombstones(Map.of());

  /**
   * A deleted closed time interval.
   *
   * @param minTime first deleted ms
   * @param maxTime last deleted ms
   */
  public record Interval(long minTime, long maxTime) {

    /** Whether {@code t} falls in one of {@code deleted} (closed intervals). */
    public static boolean covers(List<Interval> deleted, long t) {
      for (int i = 0; i < deleted.size(); i++) {
        Interval iv = deleted.get(i);
        if (t >= iv.minTime && t <= iv.maxTime) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<Long, List<Interval>> bySeries;

  private Tombstones(Map<Long, List<Interval>> bySeries) {
    this.bySeries = bySeries;
  }

  /** Writes the empty tombstones file into a block directory. */
  public static void writeEmpty(Path blockDir) throws IOException {
    Files.write(blockDir.resolve(FILE_NAME), EMPTY_FILE);
  }

  /**
   * Reads the tombstones of a block directory; a missing file means none.
   *
   * @throws CorruptBlockException on bad magic, version or CRC
   */
  public static Tombstones read(Path blockDir) throws IOException {
    Path f = blockDir.resolve(FILE_NAME);
    if (!Files.exists(f)) {
      return NONE;
    }
    long size = Files.size(f);
    if (size > Integer.MAX_VALUE - 16) {
      throw new CorruptBlockException(f, 0, "tombstones file too large: " + size);
    }
    byte[] b = Files.readAllBytes(f);
    if (b.length < 9) {
      throw new CorruptBlockException(f, 0, "tombstones file too short (" + b.length + " bytes)");
    }
    DecodeBuffer d = new DecodeBuffer(f.toString(), 0, b, 0, b.length - 4);
    int magic = d.be32();
    if (magic != MAGIC) {
      throw new CorruptBlockException(f, 0, String.format("invalid magic number %08x", magic));
    }
    int version = d.u8();
    if (version != 1) {
      throw new CorruptBlockException(f, 4, "unsupported tombstones version " + version);
    }
    int n = b.length - 4;
    int want = ((b[n] & 0xFF) << 24) | ((b[n + 1] & 0xFF) << 16) | ((b[n + 2] & 0xFF) << 8) | (b[n + 3] & 0xFF);
    if (want != Crc32c.of(b, 5, n - 5)) {
      throw new CorruptBlockException(f, n, "tombstones checksum mismatch");
    }
    Map<Long, List<Interval>> m = new HashMap<>();
    while (d.remaining() > 0) {
      long ref = d.uvarint();
      long mint = d.varint();
      long maxt = d.varint();
      m.computeIfAbsent(ref, k -> new ArrayList<>()).add(new Interval(mint, maxt));
    }
    return new Tombstones(m);
  }

  /** The deleted intervals of a series (empty when none). */
  public List<Interval> get(long seriesRef) {
    return bySeries.getOrDefault(seriesRef, Collections.emptyList());
  }

  /** Number of tombstone entries. */
  public int size() {
    int n = 0;
    for (List<Interval> l : bySeries.values()) {
      n += l.size();
    }
    return n;
  }
}
