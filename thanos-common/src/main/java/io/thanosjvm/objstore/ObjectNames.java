package io.thanosjvm.objstore;

/** Helpers for the {@code /}-separated object names every provider shares. */
public final class ObjectNames {

  /** The separator between the parts of an object name. */
  public static final String DIR_DELIM = "/";

  private ObjectNames() {}

  /**
   * Normalises a directory argument of {@link Bucket#iter} into a listing prefix: "" stays "" (the root),
   * anything else gets exactly one trailing {@code /}.
   */
  public static String dirPrefix(String dir) {
    if (dir == null || dir.isEmpty()) {
      return "";
    }
    return dir.endsWith(DIR_DELIM) ? dir : dir + DIR_DELIM;
  }

  /** Trims leading and trailing {@code /} from a configured prefix; only slashes become "". */
  public static String trimSlashes(String prefix) {
    if (prefix == null) {
      return "";
    }
    int start = 0;
    int end = prefix.length();
    while (start < end && prefix.charAt(start) == '/') {
      start++;
    }
    while (end > start && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(start, end);
  }

  /** Rejects names a bucket cannot store: empty ones and directory names ending in {@code /}. */
  public static String requireObjectName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("object name must not be empty");
    }
    if (name.endsWith(DIR_DELIM)) {
      throw new IllegalArgumentException("object name must not end with '/': " + name);
    }
    return name;
  }

  /** Validates a {@link Bucket#getRange} request. */
  public static void requireRange(long offset, long length) {
    if (offset < 0) {
      throw new IllegalArgumentException("range offset must not be negative: " + offset);
    }
    if (length < -1) {
      throw new IllegalArgumentException("range length must be -1 (to the end) or >= 0: " + length);
    }
  }
}
