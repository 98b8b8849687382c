package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.Objects;

/**
 * A no-compact mark the planner decided a block needs; the caller writes {@code no-compact-mark.json} (with
 * {@link io.thanosjvm.block.Markers}) before compacting the plan it came with.
 *
 * @param blockId the block's ULID
 * @param reason mark reason ({@link #INDEX_SIZE_EXCEEDING} or {@link #DOWNSAMPLE_VERTICAL_COMPACTION})
 * @param details human-readable explanation stored in the mark
 */
public record NoCompactRequest(String blockId, String reason, String details) {

  /** Reason of marks set because the compacted index could exceed the configured maximum size. */
  public static final String INDEX_SIZE_EXCEEDING = "index-size-exceeding";

  /** Reason of marks set on downsampled blocks that would need vertical compaction. */
  public static final String DOWNSAMPLE_VERTICAL_COMPACTION = "downsample-vertical-compaction";

  /** Validates the request. */
  public NoCompactRequest {
    if (!BlockMeta.isUlid(blockId)) {
      throw new IllegalArgumentException("not a block ULID: " + blockId);
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(details, "details");
  }
}
