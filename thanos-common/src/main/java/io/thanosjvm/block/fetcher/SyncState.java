package io.thanosjvm.block.fetcher;

/** The {@code state} label values of {@code thanos_blocks_meta_synced} this fetcher reports. */
public enum SyncState {
  /** Blocks returned by the fetch (after filters). */
  LOADED("loaded"),
  /** Blocks whose meta.json could not be read for a reason other than absence or corruption. */
  FAILED("failed"),
  /** Blocks whose meta.json does not parse or is invalid. */
  CORRUPTED_META_JSON("corrupted-meta-json"),
  /** ULID directories without meta.json: partial uploads or blocks being deleted. */
  NO_META_JSON("no-meta-json"),
  /** Blocks whose external labels (plus {@code __block_id}) the selector relabel config drops. */
  LABEL_EXCLUDED("label-excluded"),
  /** Blocks outside the configured time range. */
  TIME_EXCLUDED("time-excluded"),
  /** Blocks younger than the consistency delay. */
  TOO_FRESH("too-fresh"),
  /** Blocks whose compaction sources are covered by another block. */
  DUPLICATE("duplicate"),
  /** Blocks whose deletion mark is older than the delay. */
  MARKED_FOR_DELETION("marked-for-deletion"),
  /** Loaded blocks carrying a no-compact mark (still loaded). */
  MARKED_FOR_NO_COMPACT("marked-for-no-compact"),
  /** Loaded blocks carrying a no-downsample mark (still loaded). */
  MARKED_FOR_NO_DOWNSAMPLE("marked-for-no-downsample");

  private final String label;

  SyncState(String label) {
    this.label = label;
  }

  /** The metric label value. */
  public String label() {
    return label;
  }
}
