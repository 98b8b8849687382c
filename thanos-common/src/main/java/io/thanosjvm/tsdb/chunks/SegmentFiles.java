package io.thanosjvm.tsdb.chunks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Naming and header constants of chunk segment files. */
public final class SegmentFiles {

  /** Magic number at the start of every segment file. */
  public static final int MAGIC = 0x85BD40DD;
  /** Segment format version written after the magic. */
  public static final int VERSION = 1;
  /** Header size: magic, version, 3 padding bytes. */
  public static final int HEADER_SIZE = 8;
  /** Default maximum segment size: 512 MiB. */
  public static final long DEFAULT_MAX_SIZE = 512L * 1024 * 1024;

  private SegmentFiles() {}

  /** The file name of the 1-based segment sequence number, e.g. {@code 000001}. */
  public static String name(int seq) {
    return String.format("%06d", seq);
  }

  /** The segment files of a chunks directory, sorted by name (only all-digit names count). */
  public static List<Path> list(Path chunksDir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(chunksDir)) {
      s.filter(p -> p.getFileName().toString().matches("[0-9]+")).sorted().forEach(out::add);
    }
    return out;
  }
}
