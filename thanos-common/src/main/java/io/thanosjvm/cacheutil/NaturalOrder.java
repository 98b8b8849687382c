package io.thanosjvm.cacheutil;

import java.util.Comparator;

/**
 * The natural string order Thanos sorts memcached addresses in before hashing keys onto them (runs of digits
 * compare by numeric value ignoring leading zeros, everything else byte by byte), so that
 * {@code memcached-2} precedes {@code memcached-10}. Part of Thanos' key placement, hence hand-written.
 */
final class NaturalOrder implements Comparator<String> {

  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    if (less(a, b)) {
      return -1;
    }
    return less(b, a) ? 1 : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether {@code a} sorts before {@code b}. */
  static boolean less(String a, String b) {
    int pa = 0;
    int pb = 0;
    while (true) {
      if (pa >= a.length()) {
        return pb < b.length();
      }
      if (pb >= b.length()) {
        return false;
      }
      char ca = a.charAt(pa);
      char cb = b.charAt(pb);
      if (isDigit(ca) && isDigit(cb)) {
        while (pa + 1 < a.length() && a.charAt(pa) == '0') {
          pa++;
        }
        while (pb + 1 < b.length() && b.charAt(pb) == '0') {
          pb++;
        }
        int ea = pa + 1;
        while (ea < a.length() && isDigit(a.charAt(ea))) {
          ea++;
        }
        int eb = pb + 1;
        while (eb < b.length() && isDigit(b.charAt(eb))) {
          eb++;
        }
        if (ea - pa != eb - pb) {
          return ea - pa < eb - pb;
        }
        int cmp = a.substring(pa, ea).compareTo(b.substring(pb, eb));
        if (cmp != 0) {
          return cmp < 0;
        }
        pa = ea;
        pb = eb;
        continue;
      }
      if (ca != cb) {
        return ca < cb;
      }
      pa++;
      pb++;
    }
  }
}
