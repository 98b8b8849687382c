package io.thanosjvm.tsdb.index;

import java.util.Arrays;

/**
 * Collects postings while series are written, keyed by (name ordinal, value ordinal) in a primitive
 * open-addressing hash map with one growable int array per label pair. Memory is proportional to the
 * number of (series, label) pairs, with no boxing.
 */
final class PostingsAccumulator {

  private long[] keys = new long[1024];
  private int[] slotOfKey = new int[1024];
  private int[][] lists = new int[256][];
  private int[] sizes = new int[256];
  private int pairs;

  /** Records that series {@code ref} has the label pair. Refs must be added in ascending order. */
  void add(int nameOrd, int valueOrd, int ref) {
    long key = ((long) nameOrd << 32) | (valueOrd & 0xFFFFFFFFL);
    int slot = slot(key);
    int[] l = lists[slot];
    int n = sizes[slot];
    if (n == l.length) {
      l = Arrays.copyOf(l, n * 2);
      lists[slot] = l;
    }
    l[n] = ref;
    sizes[slot] = n + 1;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int h = (int) (mix(key) & mask);
    while (true) {
      int s = slotOfKey[h];
      if (s == 0) {
        break;
      }
      if (keys[h] == key) {
        return s - 1;
      }
      h = (h + 1) & mask;
    }
    if (pairs == lists.length) {
      lists = Arrays.copyOf(lists, pairs * 2);
      sizes = Arrays.copyOf(sizes, pairs * 2);
    }
    lists[pairs] = new int[2];
    keys[h] = key;
    slotOfKey[h] = ++pairs;
    if (pairs * 2 > keys.length) {
      rehash();
    }
    return pairs - 1;
  }

  private void rehash() {
    long[] ok = keys;
    int[] os = slotOfKey;
    keys = new long[ok.length * 2];
    slotOfKey = new int[ok.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < ok.length; i++) {
      if (os[i] != 0) {
        int h = (int) (mix(ok[i]) & mask);
        while (slotOfKey[h] != 0) {
          h = (h + 1) & mask;
        }
        keys[h] = ok[i];
        slotOfKey[h] = os[i];
      }
    }
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return k;
  }

  /** The distinct keys sorted: (name ordinal, value ordinal) order equals (name, value) string order. */
  long[] sortedKeys() {
    long[] out = new long[pairs];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (slotOfKey[i] != 0) {
        out[n++] = keys[i];
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** The postings of a key; the returned array may be longer than {@link #size(long)}. */
  int[] list(long key) {
    return lists[slot(key)];
  }

  /** The number of postings of a key. */
  int size(long key) {
    return sizes[slot(key)];
  }
}
