package io.thanosjvm.store.cachingbucket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cached range read: the aligned subranges covering {@code [offset, end)} of an object, which of them the
 * cache had, the range reads that fetch the rest, and the assembly of the requested bytes.
 */
final class SubrangePlan {

  /** A range read {@code [start, end)} covering subranges {@code first..last} (inclusive). */
  record Fetch(long start, long end, int first, int last) {}

  private final long offset;
  private final long end;
  private final long[] starts;
  private final long[] ends;
  private final List<String> keys;
  private final byte[][] pieces;

  SubrangePlan(String name, long offset, long end, long objectSize, long subrangeSize) {
    this.offset = offset;
    this.end = end;
    long first = offset / subrangeSize;
    int count = (int) ((end - 1) / subrangeSize - first + 1);
    starts = new long[count];
    ends = new long[count];
    pieces = new byte[count][];
    List<String> k = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      starts[i] = (first + i) * subrangeSize;
      ends[i] = Math.min(starts[i] + subrangeSize, objectSize);
      k.add("subrange:" + name + ":" + starts[i] + ":" + ends[i]);
    }
    keys = List.copyOf(k);
  }

  /** The cache keys of the subranges, in order. */
  List<String> keys() {
    return keys;
  }

  /** Takes the cached subranges of the right length; returns how many were usable. */
  int accept(Map<String, byte[]> hits) {
    int n = 0;
    for (int i = 0; i < pieces.length; i++) {
      byte[] v = hits.get(keys.get(i));
      if (v != null && v.length == ends[i] - starts[i]) {
        pieces[i] = v;
        n++;
      }
    }
    return n;
  }

  /**
   * The range reads fetching every missing subrange: one per run of consecutive missing subranges, the runs with
   * the smallest gaps between them merged until at most {@code maxRequests} remain (0 = no limit).
   */
  List<Fetch> fetches(int maxRequests) {
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < pieces.length; i++) {
      if (pieces[i] != null) {
        continue;
      }
      if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == i - 1) {
        runs.get(runs.size() - 1)[1] = i;
      } else {
        runs.add(new int[] {i, i});
      }
    }
    while (maxRequests > 0 && runs.size() > maxRequests) {
      int best = 0;
      for (int r = 1; r < runs.size() - 1; r++) {
        if (gap(runs, r) < gap(runs, best)) {
          best = r;
        }
      }
      runs.get(best)[1] = runs.remove(best + 1)[1];
    }
    List<Fetch> out = new ArrayList<>(runs.size());
    for (int[] r : runs) {
      out.add(new Fetch(starts[r[0]], ends[r[1]], r[0], r[1]));
    }
    return out;
  }

  private static int gap(List<int[]> runs, int r) {
    return runs.get(r + 1)[0] - runs.get(r)[1];
  }

  /**
   * Cuts the bytes of {@code f} into its subranges; returns the ones that were missing, by cache key, to be stored.
   *
   * @throws IOException when the bucket returned another length than asked for (the object changed under us)
   */
  Map<String, byte[]> fill(Fetch f, byte[] data) throws IOException {
    if (data.length != f.end() - f.start()) {
      throw new IOException("range read of [" + f.start() + ", " + f.end() + ") returned " + data.length
          + " bytes; the object changed size since its attributes were cached");
    }
    Map<String, byte[]> fresh = new HashMap<>();
    for (int i = f.first(); i <= f.last(); i++) {
      if (pieces[i] != null) {
        continue;
      }
      pieces[i] = Arrays.copyOfRange(data, (int) (starts[i] - f.start()), (int) (ends[i] - f.start()));
      fresh.put(keys.get(i), pieces[i]);
    }
    return fresh;
  }

  /** The requested bytes {@code [offset, end)}; every subrange must be present. */
  byte[] assemble() {
    byte[] out = new byte[(int) (end - offset)];
    for (int i = 0; i < pieces.length; i++) {
      long from = Math.max(offset, starts[i]);
      long to = Math.min(end, ends[i]);
      System.arraycopy(pieces[i], (int) (from - starts[i]), out, (int) (from - offset), (int) (to - from));
    }
    return out;
  }
}
