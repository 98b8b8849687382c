package io.thanosjvm.model;

import java.util.Comparator;

/**
 * Compares strings in the order of their UTF-8 encodings, as Go (and therefore Prometheus and Thanos)
 * compares strings.
 *
 * <p>UTF-8 byte order equals Unicode code point order. Java's {@link String#compareTo} compares UTF-16
 * code units instead, which differs for supplementary characters (encoded as surrogates U+D800..U+DFFF)
 * versus characters U+E000..U+FFFF. This comparator never allocates.
 */
public final class Utf8Order {

  /** The comparator instance. */
  public static final Comparator<String> COMPARATOR = Utf8Order::compare;

  private Utf8Order() {}

  /**
   * Compares two strings by their UTF-8 bytes.
   *
   * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
   */
  public static int compare(String a, String b) {
    if (a == b) {
      return 0;
    }
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        boolean sa = Character.isSurrogate(ca);
        boolean sb = Character.isSurrogate(cb);
        if (sa == sb) {
          // Both BMP or both surrogates: UTF-16 unit order equals code point order here.
          return ca - cb;
        }
        // A surrogate (a supplementary code point) sorts after every BMP character.
        return sa ? 1 : -1;
      }
    }
    return a.length() - b.length();
  }
}
