package io.thanosjvm.block.metadata;

/** The three Thanos marker files, with their file names and time keys. */
public enum MarkerKind {
  /** Block is to be deleted. */
  DELETION("deletion-mark.json", "deletion_time"),
  /** Block must not be compacted. */
  NO_COMPACT("no-compact-mark.json", "no_compact_time"),
  /** Block must not be downsampled. */
  NO_DOWNSAMPLE("no-downsample-mark.json", "no_downsample_time");

  private final String fileName;
  private final String timeKey;

  MarkerKind(String fileName, String timeKey) {
    this.fileName = fileName;
    this.timeKey = timeKey;
  }

  /** The file name inside the block directory. */
  public String fileName() {
    return fileName;
  }

  /** The JSON key of the marking time (Unix seconds). */
  public String timeKey() {
    return timeKey;
  }
}
