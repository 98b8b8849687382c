package io.thanosjvm.tsdb.index;

import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.encoding.FileSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The postings offset table of an index (or of an index-header, which holds an exact copy of it), kept in
 * memory sampled: per label name every {@link IndexFormat#POSTINGS_OFFSET_SAMPLING}th entry plus the last one.
 * Everything else is decoded from the mapped file on demand. The table's CRC is verified when loading.
 * Thread-safe.
 */
public final class PostingsOffsetTable {

  private final FileSource file;
  private final long tableEnd;
  private final long offsetLimit;
  private final long lastPostingsEnd;
  private final Map<String, SampledName> names = new HashMap<>();
  private final List<String> sortedNames = new ArrayList<>();

  /** Per label name: sampled (value, table offset) entries and the total number of values. */
  private record SampledName(String[] values, long[] tableOffsets, int valueCount) {}

  /** Receives a postings list's byte range in the index; return false to stop. */
  @FunctionalInterface
  public interface RangeVisitor {
    /**
     * Visits one value.
     *
     * @param start offset of the postings list (its length field) in the index
     * @param end an upper bound of the list's end (the next list's start, or the bound given for the last list)
     */
    boolean visit(String value, long start, long end);
  }

  /**
   * Loads the table whose length field is at {@code tableOffset} in {@code file}.
   *
   * @param offsetLimit postings offsets must lie below it (the size of the index they point into)
   * @param lastPostingsEnd upper bound of the last postings list's end in that index
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException when the table is truncated, unsorted or fails its CRC
   */
  public PostingsOffsetTable(FileSource file, long tableOffset, long offsetLimit, long lastPostingsEnd) {
    this.file = file;
    this.offsetLimit = offsetLimit;
    this.lastPostingsEnd = lastPostingsEnd;
    long len = IndexSections.length(file, tableOffset, "postings offset table");
    IndexSections.verifyCrc(file, tableOffset, len, "postings offset table");
    this.tableEnd = tableOffset + 4 + len;
    load(tableOffset + 4);
  }

  private void load(long start) {
    int count = file.be32At(start);
    PostingsTableCursor c = new PostingsTableCursor(file, tableEnd, start + 4, offsetLimit);
    String curName = null;
    List<String> vals = new ArrayList<>();
    List<Long> tabs = new ArrayList<>();
    int nValues = 0;
    String lastValue = null;
    long lastTab = 0;
    for (int i = 0; i < count; i++) {
      if (!c.next()) {
        throw file.corrupt(c.pos, "postings offset table ends after " + i + " of " + count + " entries");
      }
      if (!c.name.equals(curName)) {
        if (curName != null) {
          if (Utf8Order.compare(curName, c.name) > 0) {
            throw file.corrupt(c.entryPos, "postings offset table not sorted by name");
          }
          finishName(curName, vals, tabs, nValues, lastValue, lastTab);
        }
        curName = c.name;
        vals.clear();
        tabs.clear();
        nValues = 0;
      }
      if (nValues % IndexFormat.POSTINGS_OFFSET_SAMPLING == 0) {
        vals.add(c.value);
        tabs.add(c.entryPos);
        lastValue = null;
      } else {
        lastValue = c.value;
        lastTab = c.entryPos;
      }
      nValues++;
    }
    if (curName != null) {
      finishName(curName, vals, tabs, nValues, lastValue, lastTab);
    }
    Collections.sort(sortedNames, Utf8Order.COMPARATOR);
  }

  private void finishName(String name, List<String> vals, List<Long> tabs, int n, String lastValue, long lastTab) {
    if (lastValue != null) {
      vals.add(lastValue);
      tabs.add(lastTab);
    }
    long[] t = new long[tabs.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = tabs.get(i);
    }
    if (names.put(name, new SampledName(vals.toArray(new String[0]), t, n)) != null) {
      throw file.corrupt(tabs.get(0), "label name " + name + " appears twice in the postings offset table");
    }
    if (!name.isEmpty()) {
      sortedNames.add(name);
    }
  }

  /** The label names present, sorted (the all-postings key "" excluded). */
  public List<String> labelNames() {
    return Collections.unmodifiableList(sortedNames);
  }

  /** Number of distinct values of a label name (0 when unknown). */
  public int valueCount(String name) {
    SampledName s = names.get(name);
    return s == null ? 0 : s.valueCount();
  }

  /** The sorted values of a label name (empty when unknown). */
  public List<String> values(String name) {
    List<String> out = new ArrayList<>();
    forEachRange(name, null, (value, start, end) -> {
      out.add(value);
      return true;
    });
    return out;
  }

  /**
   * Visits the entries of {@code name} in value order with their postings byte ranges, starting at the last
   * sampled entry at or before {@code fromValue} (or the first when null).
   */
  public void forEachRange(String name, String fromValue, RangeVisitor v) {
    SampledName s = names.get(name);
    if (s == null) {
      return;
    }
    int i = 0;
    if (fromValue != null) {
      int lo = 0;
      int hi = s.values().length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (Utf8Order.compare(s.values()[mid], fromValue) <= 0) {
          i = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
    }
    PostingsTableCursor c = new PostingsTableCursor(file, tableEnd, s.tableOffsets()[i], offsetLimit);
    if (!c.next() || !c.name.equals(name)) {
      return;
    }
    while (true) {
      String value = c.value;
      long start = c.offset;
      boolean more = c.next();
      long end = more ? c.offset : lastPostingsEnd;
      boolean sameName = more && c.name.equals(name);
      if (!v.visit(value, start, end) || !sameName) {
        return;
      }
    }
  }

  /** The postings list range of one label pair, or null when absent. */
  public long[] range(String name, String value) {
    long[][] box = new long[1][];
    forEachRange(name, value, (v, start, end) -> {
      int c = Utf8Order.compare(v, value);
      if (c == 0) {
        box[0] = new long[] {start, end};
      }
      return c < 0;
    });
    return box[0];
  }
}
