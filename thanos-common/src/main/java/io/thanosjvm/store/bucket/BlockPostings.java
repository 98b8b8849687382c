package io.thanosjvm.store.bucket;

import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.index.IndexDecoding;
import io.thanosjvm.tsdb.index.PostingsOffsetTable;
import io.thanosjvm.tsdb.index.Postings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Resolves matchers to a block's series references with Prometheus semantics (a missing label has value ""):
 * the label values each matcher needs are found in the index-header, their postings lists come from the index
 * cache or from merged range reads of the remote index (then cached), and the lists are combined by union,
 * intersection and subtraction.
 */
final class BlockPostings {

  private BlockPostings() {}

  /** One label pair whose postings list is needed, with its byte range in the index. */
  private static final class Key {
    final String name;
    final String value;
    final long start;
    final long end;
    int[] postings;

    Key(String name, String value, long start, long end) {
      this.name = name;
      this.value = value;
      this.start = start;
      this.end = end;
    }
  }

  /** A matcher's keys: intersected with ({@code include}) or subtracted from the result. */
  private record Group(boolean include, List<Key> keys) {}

  /**
   * The sorted series references of {@code block} selected by all matchers (every series when there are none).
   */
  static int[] select(BucketBlock block, List<Matcher> matchers, IndexCache cache, RequestBudget budget)
      throws IOException {
    PostingsOffsetTable table = block.header().postingsTable();
    List<Group> groups = new ArrayList<>();
    boolean anyInclude = false;
    for (Matcher m : matchers) {
      boolean include = !m.matchesEmpty();
      List<Key> keys = new ArrayList<>();
      if (include && m.type() == MatchType.EQUAL) {
        long[] r = table.range(m.name(), m.value());
        if (r != null) {
          keys.add(new Key(m.name(), m.value(), r[0], r[1]));
        }
      } else if (include && m.literalAlternatives() != null) {
        for (String alt : new java.util.TreeSet<>(m.literalAlternatives())) {
          long[] r = table.range(m.name(), alt);
          if (r != null) {
            keys.add(new Key(m.name(), alt, r[0], r[1]));
          }
        }
      } else {
        // values matching a regex share its literal prefix: seek to it and stop after it (sorted values)
        String prefix = include ? m.literalPrefix() : "";
        table.forEachRange(m.name(), prefix.isEmpty() ? null : prefix, (value, start, end) -> {
          if (!prefix.isEmpty() && !value.startsWith(prefix)) {
            return io.thanosjvm.model.Utf8Order.compare(value, prefix) < 0;
          }
          if (m.matches(value) == include) {
            keys.add(new Key(m.name(), value, start, end));
          }
          return true;
        });
      }
      if (include && keys.isEmpty()) {
        return Postings.EMPTY; // an intersection with nothing
      }
      anyInclude |= include;
      groups.add(new Group(include, keys));
    }
    if (!anyInclude) {
      long[] r = table.range("", "");
      if (r == null) {
        return Postings.EMPTY;
      }
      groups.add(0, new Group(true, List.of(new Key("", "", r[0], r[1]))));
    }
    List<Key> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.keys()));
    fetch(block, all, cache, budget);

    int[] result = null;
    for (Group g : groups) {
      if (g.include()) {
        int[] u = union(g.keys());
        result = result == null ? u : Postings.intersect(result, u);
      }
    }
    for (Group g : groups) {
      if (!g.include() && result.length > 0 && !g.keys().isEmpty()) {
        result = Postings.subtract(result, union(g.keys()));
      }
    }
    return result;
  }

  private static int[] union(List<Key> keys) {
    List<int[]> lists = new ArrayList<>(keys.size());
    for (Key k : keys) {
      lists.add(k.postings);
    }
    return Postings.mergeAll(lists);
  }

  /** Fills every key's postings: cache hits first, then merged range reads of the remote index. */
  private static void fetch(BucketBlock block, List<Key> keys, IndexCache cache, RequestBudget budget)
      throws IOException {
    String id = block.id();
    String indexName = block.object("index");
    List<Key> missing = new ArrayList<>();
    // the cache is asked per label name, as its keys are
    Map<String, List<Key>> byName = new java.util.LinkedHashMap<>();
    keys.forEach(k -> byName.computeIfAbsent(k.name, n -> new ArrayList<>()).add(k));
    for (Map.Entry<String, List<Key>> e : byName.entrySet()) {
      List<String> values = new ArrayList<>(e.getValue().size());
      e.getValue().forEach(k -> values.add(k.value));
      Map<String, byte[]> hits = cache.fetchPostings(id, e.getKey(), values);
      for (Key k : e.getValue()) {
        byte[] b = hits.get(k.value);
        if (b != null) {
          k.postings = IndexDecoding.decodePostings(indexName, k.start, b, 0, b.length);
        } else {
          missing.add(k);
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    missing.sort(Comparator.comparingLong(k -> k.start));
    long[] starts = new long[missing.size()];
    long[] ends = new long[missing.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = missing.get(i).start;
      ends[i] = missing.get(i).end;
    }
    for (ByteRanges.Part part : ByteRanges.partition(starts, ends, starts.length, ByteRanges.DEFAULT_MAX_GAP)) {
      budget.reserveBytes(RequestBudget.Kind.POSTINGS, part.length());
      byte[] buf = read(block, indexName, part);
      for (int i = part.first(); i < part.last(); i++) {
        Key k = missing.get(i);
        int off = (int) (k.start - part.start());
        int avail = (int) Math.min(k.end - k.start, buf.length - off);
        k.postings = IndexDecoding.decodePostings(indexName, k.start, buf, off, avail);
        int size = (int) IndexDecoding.postingsEncodedSize(buf, off);
        cache.storePostings(id, k.name, k.value, Arrays.copyOfRange(buf, off, off + size));
      }
    }
  }

  /** Reads one part of an object fully. */
  static byte[] read(BucketBlock block, String name, ByteRanges.Part part) throws IOException {
    if (part.length() > Integer.MAX_VALUE - 16) {
      throw new IOException("range read of " + part.length() + " bytes from " + name + " is too large");
    }
    int len = (int) part.length();
    try (InputStream in = block.bucket().getRange(name, part.start(), part.length())) {
      // straight into the one array (readNBytes reads 8 KiB at a time into buffers it then copies together)
      byte[] buf = new byte[len];
      int off = 0;
      while (off < len) {
        int r = in.read(buf, off, len - off);
        if (r < 0) {
          return Arrays.copyOf(buf, off);
        }
        off += r;
      }
      return buf;
    }
  }
}
