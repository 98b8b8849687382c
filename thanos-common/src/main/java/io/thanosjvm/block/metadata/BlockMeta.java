package io.thanosjvm.block.metadata;

import static io.thanosjvm.json.JsonDocuments.cast;
import static io.thanosjvm.json.JsonDocuments.ordered;

import io.thanosjvm.json.GoJson;
import io.thanosjvm.tsdb.BlockDesc;
import io.thanosjvm.tsdb.InvalidMetaException;
import io.thanosjvm.tsdb.TsdbMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block's {@code meta.json} as Thanos reads it (its {@code metadata.Meta}): Prometheus' part ({@link TsdbMeta},
 * owned by {@code tsdb}) plus the optional Thanos section ({@link ThanosMeta}). Unknown keys at any level survive
 * a read/modify/write cycle; {@link #toJson()} writes Prometheus' keys, then {@code thanos}, in Go's order
 * (unknown keys follow, in their original order). Immutable.
 */
public final class BlockMeta {

  /** The only supported meta.json version. */
  public static final int VERSION_1 = TsdbMeta.VERSION_1;
  /** The file name. */
  public static final String FILE_NAME = TsdbMeta.FILE_NAME;

  private static final String THANOS = "thanos";
  private static final String[] TOP_ORDER = {"ulid", "minTime", "maxTime", "stats", "compaction", "version", THANOS};

  private final TsdbMeta tsdb;
  /** The Thanos section, parsed once (metas are immutable; filters ask for it for every block at every sync). */
  private final Optional<ThanosMeta> thanos;

  private BlockMeta(TsdbMeta tsdb, String file) {
    this.tsdb = tsdb;
    Map<String, Object> doc = tsdb.document();
    validate(doc, file);
    this.thanos = doc.get(THANOS) instanceof Map<?, ?> m ? Optional.of(new ThanosMeta(cast(m))) : Optional.empty();
  }

  /**
   * The Thanos view of Prometheus' meta (with or without a Thanos section).
   *
   * @throws InvalidMetaException when its Thanos section is malformed
   */
  public static BlockMeta of(TsdbMeta tsdb) {
    return new BlockMeta(tsdb, FILE_NAME);
  }

  /**
   * A fresh level-1 block meta listing itself as its only source.
   *
   * @param ulid the block ULID
   * @param minTime first sample time (inclusive)
   * @param maxTime end of the block (exclusive)
   */
  public static BlockMeta create(String ulid, long minTime, long maxTime, long numSamples, long numSeries,
      long numChunks) {
    return of(TsdbMeta.create(ulid, minTime, maxTime, numSamples, numSeries, numChunks));
  }

  /**
   * Parses meta.json text.
   *
   * @throws InvalidMetaException on bad JSON, missing fields or a version other than 1
   */
  public static BlockMeta parse(String json, String file) {
    return new BlockMeta(TsdbMeta.parse(json, file), file);
  }

  /** Reads and parses a meta.json file. */
  public static BlockMeta read(Path file) throws IOException {
    return new BlockMeta(TsdbMeta.read(file), file.toString());
  }

  /** Writes this meta to {@code file} (via a temporary file and rename). */
  public void write(Path file) throws IOException {
    TsdbMeta.writeAtomically(file, toJson());
  }

  private static void validate(Map<String, Object> doc, String file) {
    if (!doc.containsKey(THANOS)) {
      return;
    }
    if (!(doc.get(THANOS) instanceof Map<?, ?> t)) {
      throw new InvalidMetaException(file, -1, "thanos section is not an object");
    }
    Object tv = t.get("version");
    if (tv != null && !(tv instanceof Long tl && (tl == 0 || tl == 1))) {
      throw new InvalidMetaException(file, -1, "unexpected thanos meta version " + tv + ", only 1 is supported");
    }
    Object res = t.get("downsample") instanceof Map<?, ?> ds ? ds.get("resolution") : null;
    if (res != null && !(res instanceof Long)) {
      throw new InvalidMetaException(file, -1, "thanos.downsample.resolution must be an integer");
    }
  }

  /** Whether {@code s} is 26 Crockford base32 characters whose first is 0-7 (a 128-bit ULID). */
  public static boolean isUlid(String s) {
    return TsdbMeta.isUlid(s);
  }

  /** Prometheus' part of this meta. */
  public TsdbMeta tsdb() {
    return tsdb;
  }

  /** The block ULID. */
  public String ulid() {
    return tsdb.ulid();
  }

  /** First sample time (inclusive). */
  public long minTime() {
    return tsdb.minTime();
  }

  /** End time (exclusive). */
  public long maxTime() {
    return tsdb.maxTime();
  }

  /** The meta.json version (always 1). */
  public int version() {
    return tsdb.version();
  }

  /** stats.numSamples. */
  public long numSamples() {
    return tsdb.numSamples();
  }

  /** stats.numSeries. */
  public long numSeries() {
    return tsdb.numSeries();
  }

  /** stats.numChunks. */
  public long numChunks() {
    return tsdb.numChunks();
  }

  /** stats.numTombstones. */
  public long numTombstones() {
    return tsdb.numTombstones();
  }

  /** compaction.level. */
  public int compactionLevel() {
    return tsdb.compactionLevel();
  }

  /** compaction.sources. */
  public List<String> sources() {
    return tsdb.sources();
  }

  /** compaction.parents (empty when absent). */
  public List<BlockDesc> parents() {
    return tsdb.parents();
  }

  /** compaction.deletable. */
  public boolean deletable() {
    return tsdb.deletable();
  }

  /** A copy with the compaction section of a compacted block ({@link TsdbMeta#withCompaction}). */
  public BlockMeta withCompaction(int level, List<String> sources, List<BlockDesc> parents) {
    return of(tsdb.withCompaction(level, sources, parents));
  }

  /** A copy with {@code compaction.deletable} set (Prometheus marks a compaction result without samples so). */
  public BlockMeta withDeletable(boolean deletable) {
    return of(tsdb.withDeletable(deletable));
  }

  /** The Thanos section, when present. */
  public Optional<ThanosMeta> thanos() {
    return thanos;
  }

  /** A copy with the Thanos section replaced. */
  public BlockMeta withThanos(ThanosMeta thanos) {
    return of(tsdb.withSection(THANOS, thanos.document()));
  }

  /** A copy with the stats replaced. */
  public BlockMeta withStats(long numSamples, long numSeries, long numChunks) {
    return of(tsdb.withStats(numSamples, numSeries, numChunks));
  }

  /** A deep copy of the JSON document. */
  public Map<String, Object> document() {
    return tsdb.document();
  }

  /** The JSON text, as Go's {@code json.MarshalIndent} with TAB indent writes it (no trailing newline). */
  public String toJson() {
    Map<String, Object> top = ordered(tsdb.canonicalDocument(), TOP_ORDER);
    if (top.get(THANOS) instanceof Map<?, ?> m) {
      top.put(THANOS, ThanosMeta.canonical(cast(m)));
    }
    return GoJson.write(top);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockMeta b && b.tsdb.equals(tsdb);
  }

  @Override
  public int hashCode() {
    return tsdb.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
