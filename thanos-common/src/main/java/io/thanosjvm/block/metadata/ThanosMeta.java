package io.thanosjvm.block.metadata;

import io.thanosjvm.json.JsonDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code thanos} section of meta.json. Backed by its JSON object so unknown keys survive; immutable,
 * modified through {@code with...} copies.
 */
public final class ThanosMeta {

  private static final String[] THANOS_ORDER = {"version", "labels", "downsample", "source", "segment_files", "files",
      "rewrites", "index_stats", "extensions", "upload_time"};
  private static final String[] FILE_ORDER = {"rel_path", "size_bytes", "hash"};
  private static final String[] HASH_ORDER = {"hashFunc", "value"};
  private static final String[] INDEX_STATS_ORDER = {"series_max_size", "chunk_max_size"};

  /** Source of blocks made by the block generator tool. */
  public static final String SOURCE_GENERATOR = "generator";

  private final Map<String, Object> doc;

  ThanosMeta(Map<String, Object> doc) {
    this.doc = JsonDocuments.deepCopy(doc);
  }

  /**
   * A new section with the fields Go always writes: version 1, labels, downsample resolution, source,
   * empty index_stats and the zero upload_time.
   */
  public static ThanosMeta create(Map<String, String> labels, long resolution, String source) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("version", 1L);
    d.put("labels", new TreeMap<String, Object>(labels));
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("resolution", resolution);
    d.put("downsample", ds);
    d.put("source", source);
    d.put("index_stats", new LinkedHashMap<>());
    d.put("upload_time", "0001-01-01T00:00:00Z");
    return new ThanosMeta(d);
  }

  Map<String, Object> document() {
    return doc;
  }

  /** External labels of the producer. */
  public Map<String, String> labels() {
    Map<String, String> out = new TreeMap<>();
    if (doc.get("labels") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** Downsampling resolution in ms (0 = raw). */
  public long resolution() {
    return doc.get("downsample") instanceof Map<?, ?> m && m.get("resolution") instanceof Long l ? l : 0;
  }

  /** The source, e.g. {@code sidecar} or {@code compactor}. */
  public String source() {
    return doc.get("source") instanceof String s ? s : "";
  }

  /** The files list (rel_path, size_bytes, optional hash). */
  public List<BlockFile> files() {
    List<BlockFile> out = new ArrayList<>();
    if (doc.get("files") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          String hf = null;
          String hv = null;
          if (m.get("hash") instanceof Map<?, ?> h) {
            hf = (String) h.get("hashFunc");
            hv = (String) h.get("value");
          }
          out.add(new BlockFile(String.valueOf(m.get("rel_path")),
              m.get("size_bytes") instanceof Long s ? s : 0, hf, hv));
        }
      }
    }
    return out;
  }

  /** index_stats.series_max_size (0 when absent). */
  public long seriesMaxSize() {
    return doc.get("index_stats") instanceof Map<?, ?> m && m.get("series_max_size") instanceof Long l ? l : 0;
  }

  /** index_stats.chunk_max_size (0 when absent). */
  public long chunkMaxSize() {
    return doc.get("index_stats") instanceof Map<?, ?> m && m.get("chunk_max_size") instanceof Long l ? l : 0;
  }

  /** A copy with the files list replaced (sorted by rel_path as Thanos writes it). */
  public ThanosMeta withFiles(List<BlockFile> files) {
    List<BlockFile> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> io.thanosjvm.model.Utf8Order.compare(a.relPath(), b.relPath()));
    List<Object> l = new ArrayList<>();
    for (BlockFile f : sorted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rel_path", f.relPath());
      if (f.sizeBytes() != 0) {
        m.put("size_bytes", f.sizeBytes());
      }
      if (f.hashFunc() != null) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("hashFunc", f.hashFunc());
        h.put("value", f.hashValue());
        m.put("hash", h);
      }
      l.add(m);
    }
    Map<String, Object> d = JsonDocuments.deepCopy(doc);
    d.put("files", l);
    return new ThanosMeta(d);
  }

  /** The deprecated segment_files list (chunk segment names relative to {@code chunks/}; empty when absent). */
  public List<String> segmentFiles() {
    List<String> out = new ArrayList<>();
    if (doc.get("segment_files") instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  /** A copy with segment_files set (omitted when empty, as Go does), as Thanos' compactor writes it. */
  public ThanosMeta withSegmentFiles(List<String> segmentFiles) {
    Map<String, Object> d = JsonDocuments.deepCopy(doc);
    if (segmentFiles.isEmpty()) {
      d.remove("segment_files");
    } else {
      d.put("segment_files", new ArrayList<Object>(segmentFiles));
    }
    return new ThanosMeta(d);
  }

  /** A copy with another {@code source}. */
  public ThanosMeta withSource(String source) {
    Map<String, Object> d = JsonDocuments.deepCopy(doc);
    d.put("source", source);
    return new ThanosMeta(d);
  }

  /**
   * A copy with one more {@code rewrites} entry, as {@code tools bucket rewrite} records it: the sources of the
   * rewritten block and the deletion requests applied (each {@code matchers}, {@code intervals} as
   * {@code Mint}/{@code Maxt} objects and {@code request_id}, empty ones omitted as Go omits them).
   */
  public ThanosMeta withRewrite(List<String> sources, List<Map<String, Object>> deletionsApplied) {
    Map<String, Object> d = JsonDocuments.deepCopy(doc);
    List<Object> rewrites = d.get("rewrites") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sources", new ArrayList<Object>(sources));
    if (!deletionsApplied.isEmpty()) {
      r.put("deletions_applied", new ArrayList<Object>(deletionsApplied));
    }
    rewrites.add(r);
    d.put("rewrites", rewrites);
    return new ThanosMeta(d);
  }

  /** The {@code request_id}s of every deletion request the block's {@code rewrites} record as applied. */
  public java.util.Set<String> appliedDeletionRequestIds() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (doc.get("rewrites") instanceof List<?> rewrites) {
      for (Object r : rewrites) {
        if (r instanceof Map<?, ?> rm && rm.get("deletions_applied") instanceof List<?> applied) {
          for (Object d : applied) {
            if (d instanceof Map<?, ?> dm && dm.get("request_id") instanceof String id && !id.isEmpty()) {
              out.add(id);
            }
          }
        }
      }
    }
    return out;
  }

  /** A copy with index_stats set (zero fields omitted, as Go does). */
  public ThanosMeta withIndexStats(long seriesMaxSize, long chunkMaxSize) {
    Map<String, Object> d = JsonDocuments.deepCopy(doc);
    Map<String, Object> s = new LinkedHashMap<>();
    if (seriesMaxSize != 0) {
      s.put("series_max_size", seriesMaxSize);
    }
    if (chunkMaxSize != 0) {
      s.put("chunk_max_size", chunkMaxSize);
    }
    d.put("index_stats", s);
    return new ThanosMeta(d);
  }

  static Map<String, Object> canonical(Map<String, Object> m) {
    Map<String, Object> t = JsonDocuments.ordered(m, THANOS_ORDER);
    if (t.get("labels") instanceof Map<?, ?> l) {
      Map<String, Object> sorted = new TreeMap<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
      l.forEach((k, v) -> sorted.put((String) k, v));
      t.put("labels", new LinkedHashMap<>(sorted));
    }
    if (t.get("files") instanceof List<?> fs) {
      List<Object> out = new ArrayList<>();
      for (Object f : fs) {
        if (f instanceof Map<?, ?> fm) {
          @SuppressWarnings("unchecked")
          Map<String, Object> o = JsonDocuments.ordered((Map<String, Object>) fm, FILE_ORDER);
          if (o.get("hash") instanceof Map<?, ?> h) {
            @SuppressWarnings("unchecked")
            Map<String, Object> hm = (Map<String, Object>) h;
            o.put("hash", JsonDocuments.ordered(hm, HASH_ORDER));
          }
          out.add(o);
        } else {
          out.add(f);
        }
      }
      t.put("files", out);
    }
    if (t.get("index_stats") instanceof Map<?, ?> s) {
      @SuppressWarnings("unchecked")
      Map<String, Object> sm = (Map<String, Object>) s;
      t.put("index_stats", JsonDocuments.ordered(sm, INDEX_STATS_ORDER));
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThanosMeta t && t.doc.equals(doc);
  }

  @Override
  public int hashCode() {
    return doc.hashCode();
  }
}
