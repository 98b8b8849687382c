package io.thanosjvm.tsdb;

import static io.thanosjvm.json.JsonDocuments.cast;
import static io.thanosjvm.json.JsonDocuments.deepCopy;
import static io.thanosjvm.json.JsonDocuments.ordered;

import io.thanosjvm.json.GoJson;
import io.thanosjvm.json.GoJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prometheus' part of a block's {@code meta.json} (its {@code tsdb.BlockMeta}): ulid, minTime, maxTime, stats,
 * compaction and version. The parsed JSON document is kept whole, so other top-level sections (Thanos' {@code
 * thanos}, which {@code io.thanosjvm.block.metadata.BlockMeta} adds) and unknown keys at any level survive a
 * read/modify/write cycle. {@link #toJson()} writes the known keys in the order Go writes them (other keys follow,
 * in their original order). Immutable.
 */
public final class TsdbMeta {

  /** The only supported meta.json version. */
  public static final int VERSION_1 = 1;
  /** The file name. */
  public static final String FILE_NAME = "meta.json";

  private static final String[] TOP_ORDER = {"ulid", "minTime", "maxTime", "stats", "compaction", "version"};
  private static final String[] STATS_ORDER = {"numSamples", "numFloatSamples", "numHistogramSamples", "numSeries",
      "numChunks", "numTombstones"};
  private static final String[] COMPACTION_ORDER = {"level", "sources", "deletable", "parents", "failed", "hints"};
  private static final String[] PARENT_ORDER = {"ulid", "minTime", "maxTime"};
  private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private final Map<String, Object> doc;

  private TsdbMeta(Map<String, Object> doc, String file) {
    this.doc = doc;
    validate(file);
  }

  /**
   * A fresh level-1 block meta listing itself as its only source.
   *
   * @param ulid the block ULID
   * @param minTime first sample time (inclusive)
   * @param maxTime end of the block (exclusive)
   */
  public static TsdbMeta create(String ulid, long minTime, long maxTime, long numSamples, long numSeries,
      long numChunks) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ulid", ulid);
    d.put("minTime", minTime);
    d.put("maxTime", maxTime);
    Map<String, Object> stats = new LinkedHashMap<>();
    putNonZero(stats, "numSamples", numSamples);
    putNonZero(stats, "numSeries", numSeries);
    putNonZero(stats, "numChunks", numChunks);
    d.put("stats", stats);
    Map<String, Object> comp = new LinkedHashMap<>();
    comp.put("level", 1L);
    comp.put("sources", new ArrayList<>(List.of(ulid)));
    d.put("compaction", comp);
    d.put("version", (long) VERSION_1);
    return new TsdbMeta(d, FILE_NAME);
  }

  private static void putNonZero(Map<String, Object> m, String k, long v) {
    if (v != 0) {
      m.put(k, v);
    } else {
      m.remove(k);
    }
  }

  /**
   * Parses meta.json text.
   *
   * @throws InvalidMetaException on bad JSON, missing fields or a version other than 1
   */
  public static TsdbMeta parse(String json, String file) {
    Object v;
    try {
      v = GoJson.parse(json, file);
    } catch (GoJsonException e) {
      throw InvalidMetaException.of(e);
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new InvalidMetaException(file, 0, "meta.json is not a JSON object");
    }
    return new TsdbMeta(cast(m), file);
  }

  /** Reads and parses a meta.json file. */
  public static TsdbMeta read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Writes {@code json} to {@code file} via a temporary file and an atomic rename. */
  public static void writeAtomically(Path file, String json) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes this meta to {@code file} (via a temporary file and rename). */
  public void write(Path file) throws IOException {
    writeAtomically(file, toJson());
  }

  private void validate(String file) {
    Object version = doc.get("version");
    if (!(version instanceof Long l) || l != VERSION_1) {
      throw new InvalidMetaException(file, -1, "unexpected meta file version " + version + ", only 1 is supported");
    }
    if (!(doc.get("ulid") instanceof String u) || !isUlid(u)) {
      throw new InvalidMetaException(file, -1, "missing or invalid ulid: " + doc.get("ulid"));
    }
    if (!(doc.get("minTime") instanceof Long) || !(doc.get("maxTime") instanceof Long)) {
      throw new InvalidMetaException(file, -1, "minTime and maxTime must be integers");
    }
  }

  /** Whether {@code s} is 26 Crockford base32 characters whose first is 0-7 (a 128-bit ULID). */
  public static boolean isUlid(String s) {
    if (s == null || s.length() != 26 || s.charAt(0) > '7') {
      return false;
    }
    for (int i = 0; i < 26; i++) {
      if (ULID_ALPHABET.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The block ULID. */
  public String ulid() {
    return (String) doc.get("ulid");
  }

  /** First sample time (inclusive). */
  public long minTime() {
    return (Long) doc.get("minTime");
  }

  /** End time (exclusive). */
  public long maxTime() {
    return (Long) doc.get("maxTime");
  }

  /** The meta.json version (always 1). */
  public int version() {
    return VERSION_1;
  }

  private Map<String, Object> section(String key) {
    return doc.get(key) instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  private static long num(Map<String, Object> m, String k) {
    return m.get(k) instanceof Long l ? l : 0;
  }

  /** stats.numSamples. */
  public long numSamples() {
    return num(section("stats"), "numSamples");
  }

  /** stats.numSeries. */
  public long numSeries() {
    return num(section("stats"), "numSeries");
  }

  /** stats.numChunks. */
  public long numChunks() {
    return num(section("stats"), "numChunks");
  }

  /** stats.numTombstones. */
  public long numTombstones() {
    return num(section("stats"), "numTombstones");
  }

  /** compaction.level. */
  public int compactionLevel() {
    return (int) num(section("compaction"), "level");
  }

  /** compaction.sources. */
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    if (section("compaction").get("sources") instanceof List<?> l) {
      for (Object o : l) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }

  /** compaction.parents (empty when absent). */
  public List<BlockDesc> parents() {
    List<BlockDesc> out = new ArrayList<>();
    if (section("compaction").get("parents") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && m.get("ulid") instanceof String u && m.get("minTime") instanceof Long mi
            && m.get("maxTime") instanceof Long ma) {
          out.add(new BlockDesc(u, mi, ma));
        }
      }
    }
    return out;
  }

  /** compaction.deletable. */
  public boolean deletable() {
    return Boolean.TRUE.equals(section("compaction").get("deletable"));
  }

  /**
   * A copy with the compaction section of a compacted block, as Prometheus' compactor writes it: the level, the
   * sources (sorted, deduplicated) and the parents in the given order; other compaction keys are dropped.
   */
  public TsdbMeta withCompaction(int level, List<String> sources, List<BlockDesc> parents) {
    if (level < 1) {
      throw new IllegalArgumentException("compaction level must be at least 1: " + level);
    }
    Map<String, Object> d = deepCopy(doc);
    Map<String, Object> comp = new LinkedHashMap<>();
    comp.put("level", (long) level);
    comp.put("sources", new ArrayList<Object>(new TreeSet<>(sources)));
    if (!parents.isEmpty()) {
      List<Object> ps = new ArrayList<>();
      for (BlockDesc p : parents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ulid", p.ulid());
        m.put("minTime", p.minTime());
        m.put("maxTime", p.maxTime());
        ps.add(m);
      }
      comp.put("parents", ps);
    }
    d.put("compaction", comp);
    return new TsdbMeta(d, FILE_NAME);
  }

  /** A copy with {@code compaction.deletable} set (Prometheus marks a compaction result without samples so). */
  public TsdbMeta withDeletable(boolean deletable) {
    Map<String, Object> d = deepCopy(doc);
    Map<String, Object> comp = d.get("compaction") instanceof Map<?, ?> m ? cast(m) : new LinkedHashMap<>();
    if (deletable) {
      comp.put("deletable", true);
    } else {
      comp.remove("deletable");
    }
    d.put("compaction", comp);
    return new TsdbMeta(d, FILE_NAME);
  }

  /** A copy with the stats replaced. */
  public TsdbMeta withStats(long numSamples, long numSeries, long numChunks) {
    Map<String, Object> d = deepCopy(doc);
    Map<String, Object> stats = d.get("stats") instanceof Map<?, ?> m ? cast(m) : new LinkedHashMap<>();
    putNonZero(stats, "numSamples", numSamples);
    putNonZero(stats, "numSeries", numSeries);
    putNonZero(stats, "numChunks", numChunks);
    d.put("stats", stats);
    return new TsdbMeta(d, FILE_NAME);
  }

  /**
   * A copy with another top-level section (such as Thanos' {@code thanos}) set to a copy of {@code section}; the
   * Prometheus keys cannot be replaced this way.
   */
  public TsdbMeta withSection(String key, Map<String, Object> section) {
    if (List.of(TOP_ORDER).contains(key)) {
      throw new IllegalArgumentException("not an extension section: " + key);
    }
    Map<String, Object> d = deepCopy(doc);
    d.put(key, deepCopy(section));
    return new TsdbMeta(d, FILE_NAME);
  }

  /** A deep copy of the JSON document. */
  public Map<String, Object> document() {
    return deepCopy(doc);
  }

  /**
   * The document with Prometheus' keys in Go's order (top level, stats, compaction and its parents); other keys
   * follow in their original order. A copy.
   */
  public Map<String, Object> canonicalDocument() {
    Map<String, Object> top = ordered(deepCopy(doc), TOP_ORDER);
    if (top.get("stats") instanceof Map<?, ?> m) {
      top.put("stats", ordered(cast(m), STATS_ORDER));
    }
    if (top.get("compaction") instanceof Map<?, ?> m) {
      Map<String, Object> c = ordered(cast(m), COMPACTION_ORDER);
      if (c.get("parents") instanceof List<?> ps) {
        List<Object> l = new ArrayList<>();
        for (Object p : ps) {
          l.add(p instanceof Map<?, ?> pm ? ordered(cast(pm), PARENT_ORDER) : p);
        }
        c.put("parents", l);
      }
      top.put("compaction", c);
    }
    return top;
  }

  /** The JSON text, as Go's {@code json.MarshalIndent} with TAB indent writes it (no trailing newline). */
  public String toJson() {
    return GoJson.write(canonicalDocument());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TsdbMeta b && b.doc.equals(doc);
  }

  @Override
  public int hashCode() {
    return doc.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
