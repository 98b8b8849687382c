package io.thanosjvm.objstore;

/**
 * Options of {@link Bucket#iter}.
 *
 * @param recursive list every object below the directory instead of one level with directory entries
 */
public record IterOptions(boolean recursive) {

  private static final IterOptions FLAT = new IterOptions(false);
  private static final IterOptions RECURSIVE = new IterOptions(true);

  /** One level, sub-directories as entries ending in {@code /} (Thanos' default). */
  public static IterOptions flat() {
    return FLAT;
  }

  /** Every object below the directory, no directory entries. */
  public static IterOptions allObjects() {
    return RECURSIVE;
  }
}
