package io.thanosjvm.tsdb.wlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Segment files of a WAL or checkpoint directory: names are the index in 8 decimal digits ({@code 00000000});
 * files whose name is not a number (e.g. {@code 00000005.repair}, {@code checkpoint.00000003}) are ignored, and
 * the indexes present must be consecutive, as Prometheus requires.
 */
public final class Segments {

  private Segments() {}

  /** The file name of segment {@code index}. */
  public static String name(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative segment index " + index);
    }
    return String.format("%08d", index);
  }

  /** The path of segment {@code index} in {@code dir}. */
  public static Path path(Path dir, int index) {
    return dir.resolve(name(index));
  }

  /**
   * The sorted indexes of the segments in {@code dir} (empty if the directory does not exist).
   *
   * @throws IOException if the indexes are not consecutive
   */
  public static List<Integer> list(Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        int idx = parse(p.getFileName().toString());
        if (idx >= 0 && Files.isRegularFile(p)) {
          out.add(idx);
        }
      }
    }
    Collections.sort(out);
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i - 1) + 1 != out.get(i)) {
        throw new IOException("segments are not sequential in " + dir + ": " + out.get(i - 1) + ", " + out.get(i));
      }
    }
    return out;
  }

  /** The first and last segment in {@code dir}. */
  public static SegmentRange range(Path dir) throws IOException {
    List<Integer> l = list(dir);
    return l.isEmpty() ? SegmentRange.EMPTY : new SegmentRange(l.get(0), l.get(l.size() - 1));
  }

  /** The index a segment file name stands for, or -1 if it is not all decimal digits (at most 9). */
  static int parse(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(name);
  }
}
