package io.thanosjvm.tsdb;

import java.util.Objects;

/**
 * One entry of meta.json {@code compaction.parents}: a block that was compacted into this one.
 *
 * @param ulid the parent's ULID
 * @param minTime the parent's minTime (inclusive)
 * @param maxTime the parent's maxTime (exclusive)
 */
public record BlockDesc(String ulid, long minTime, long maxTime) {

  /** Validates the ULID. */
  public BlockDesc {
    Objects.requireNonNull(ulid, "ulid");
    if (!TsdbMeta.isUlid(ulid)) {
      throw new IllegalArgumentException("invalid parent ULID " + ulid);
    }
  }

  /** The descriptor of a block from its meta. */
  public static BlockDesc of(TsdbMeta meta) {
    return new BlockDesc(meta.ulid(), meta.minTime(), meta.maxTime());
  }
}
