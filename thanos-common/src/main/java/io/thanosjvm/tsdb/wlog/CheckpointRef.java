package io.thanosjvm.tsdb.wlog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint directory {@code checkpoint.NNNNNNNN} and its index: the last WAL segment folded into it.
 *
 * @param dir the checkpoint directory
 * @param index the last segment it covers
 */
public record CheckpointRef(Path dir, int index) {

  /** Validates the fields. */
  public CheckpointRef {
    Objects.requireNonNull(dir, "dir");
    if (index < 0) {
      throw new IllegalArgumentException("negative checkpoint index " + index);
    }
  }
}
