package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The head's inverted index: label name -> value -> sorted series refs, plus all refs. Label strings are
 * interned through it, so series sharing a name or value share one String. Readers copy the lists they need
 * under the read lock; adds and deletes take the write lock.
 */
final class MemPostings {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Map<String, RefList>> index = new HashMap<>();
  private final RefList all = new RefList();
  private final Map<String, String> nameIntern = new HashMap<>();

  /** Adds a series; returns its labels rebuilt from the interned strings. */
  Labels add(long ref, Labels labels) {
    String[] names = new String[labels.size()];
    String[] values = new String[labels.size()];
    lock.writeLock().lock();
    try {
      for (int i = 0; i < labels.size(); i++) {
        String name = names.length > 0 ? internName(labels.name(i)) : null;
        Map<String, RefList> byValue = index.computeIfAbsent(name, k -> new HashMap<>(4));
        names[i] = name;
        RefList list = byValue.get(labels.value(i));
        if (list == null) {
          list = new RefList();
          list.value = labels.value(i);
          byValue.put(list.value, list);
        }
        values[i] = list.value;
        list.add(ref);
      }
      all.add(ref);
    } finally {
      lock.writeLock().unlock();
    }
    return Labels.fromSortedArrays(names, values);
  }

  private String internName(String name) {
    String n = nameIntern.putIfAbsent(name, name);
    return n == null ? name : n;
  }

  /** Removes series (each with its labels). */
  void delete(Map<Long, Labels> deleted) {
    if (deleted.isEmpty()) {
      return;
    }
    Map<RefList, Boolean> touched = new java.util.IdentityHashMap<>();
    lock.writeLock().lock();
    try {
      for (Labels l : deleted.values()) {
        for (int i = 0; i < l.size(); i++) {
          Map<String, RefList> byValue = index.get(l.name(i));
          if (byValue != null) {
            RefList list = byValue.get(l.value(i));
            if (list != null) {
              touched.put(list, Boolean.TRUE);
            }
          }
        }
      }
      touched.put(all, Boolean.TRUE);
      for (RefList list : touched.keySet()) {
        list.removeAll(deleted);
      }
      index.values().forEach(m -> m.values().removeIf(r -> r.size == 0));
      index.values().removeIf(Map::isEmpty);
      nameIntern.keySet().retainAll(index.keySet());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The sorted refs selected by all matchers, with Prometheus' semantics (a missing label is ""). */
  long[] select(List<Matcher> matchers) {
    lock.readLock().lock();
    try {
      long[] result = null;
      List<long[]> subtract = new ArrayList<>();
      for (Matcher m : matchers) {
        if (m.matchesEmpty()) {
          long[] rejected = union(m, false);
          if (rejected.length > 0) {
            subtract.add(rejected);
          }
        } else {
          long[] p = union(m, true);
          result = result == null ? p : intersect(result, p);
        }
      }
      if (result == null) {
        result = all.copy();
      }
      for (long[] s : subtract) {
        result = subtract(result, s);
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Sorted distinct label names. */
  List<String> labelNames() {
    lock.readLock().lock();
    try {
      List<String> l = new ArrayList<>(index.keySet());
      l.sort(io.thanosjvm.model.Utf8Order.COMPARATOR);
      return l;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Sorted distinct values of a label. */
  List<String> labelValues(String name) {
    lock.readLock().lock();
    try {
      Map<String, RefList> byValue = index.get(name);
      List<String> l = byValue == null ? new ArrayList<>() : new ArrayList<>(byValue.keySet());
      l.sort(io.thanosjvm.model.Utf8Order.COMPARATOR);
      return l;
    } finally {
      lock.readLock().unlock();
    }
  }

  private long[] union(Matcher m, boolean want) {
    Map<String, RefList> byValue = index.get(m.name());
    if (byValue == null) {
      return new long[0];
    }
    if (want && m.type() == MatchType.EQUAL) {
      RefList l = byValue.get(m.value());
      return l == null ? new long[0] : l.copy();
    }
    long[] acc = new long[0];
    for (RefList l : byValue.values()) {
      if (m.matches(l.value) == want) {
        acc = merge(acc, l.copy());
      }
    }
    return acc;
  }

  static long[] intersect(long[] a, long[] b) {
    long[] out = new long[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[n++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  static long[] merge(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      if (j == b.length || (i < a.length && a[i] < b[j])) {
        out[n++] = a[i++];
      } else if (i == a.length || b[j] < a[i]) {
        out[n++] = b[j++];
      } else {
        out[n++] = a[i++];
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  static long[] subtract(long[] a, long[] b) {
    long[] out = new long[a.length];
    int j = 0;
    int n = 0;
    for (long x : a) {
      while (j < b.length && b[j] < x) {
        j++;
      }
      if (j < b.length && b[j] == x) {
        continue;
      }
      out[n++] = x;
    }
    return Arrays.copyOf(out, n);
  }

  /** A growable sorted list of refs. */
  private static final class RefList {
    String value;
    long[] refs = new long[2];
    int size;

    void add(long ref) {
      if (size == refs.length) {
        refs = Arrays.copyOf(refs, size < 64 ? size * 2 : size + (size >> 1));
      }
      if (size == 0 || refs[size - 1] < ref) {
        refs[size++] = ref;
        return;
      }
      int pos = Arrays.binarySearch(refs, 0, size, ref);
      if (pos >= 0) {
        return;
      }
      pos = -pos - 1;
      System.arraycopy(refs, pos, refs, pos + 1, size - pos);
      refs[pos] = ref;
      size++;
    }

    void removeAll(Map<Long, Labels> deleted) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (!deleted.containsKey(refs[i])) {
          refs[n++] = refs[i];
        }
      }
      size = n;
      if (refs.length > 8 && size < refs.length / 4) {
        refs = Arrays.copyOf(refs, Math.max(2, size * 2));
      }
    }

    long[] copy() {
      return Arrays.copyOf(refs, size);
    }
  }
}
