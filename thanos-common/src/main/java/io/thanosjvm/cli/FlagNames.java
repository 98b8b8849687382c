package io.thanosjvm.cli;

/**
 * Names of flags declared by more than one field or command (several components, or a component and a
 * {@code thanos tools} command), so that each name is spelled once in main code.
 */
public final class FlagNames {

  /** {@code --data-dir}. */
  public static final String DATA_DIR = "data-dir";
  /** {@code --objstore.config-file}. */
  public static final String OBJSTORE_CONFIG_FILE = "objstore.config-file";
  /** {@code --objstore.config}. */
  public static final String OBJSTORE_CONFIG = "objstore.config";
  /** {@code --selector.relabel-config-file}. */
  public static final String SELECTOR_RELABEL_CONFIG_FILE = "selector.relabel-config-file";
  /** {@code --selector.relabel-config}. */
  public static final String SELECTOR_RELABEL_CONFIG = "selector.relabel-config";
  /** {@code --min-time}. */
  public static final String MIN_TIME = "min-time";
  /** {@code --max-time}. */
  public static final String MAX_TIME = "max-time";
  /** {@code --consistency-delay}. */
  public static final String CONSISTENCY_DELAY = "consistency-delay";
  /** {@code --block-meta-fetch-concurrency}. */
  public static final String BLOCK_META_FETCH_CONCURRENCY = "block-meta-fetch-concurrency";
  /** {@code --block-sync-concurrency}. */
  public static final String BLOCK_SYNC_CONCURRENCY = "block-sync-concurrency";
  /** {@code --hash-func}. */
  public static final String HASH_FUNC = "hash-func";
  /** {@code --delete-delay}. */
  public static final String DELETE_DELAY = "delete-delay";
  /** {@code --shipper.upload-compacted}. */
  public static final String SHIPPER_UPLOAD_COMPACTED = "shipper.upload-compacted";
  /** {@code --retention.resolution-raw}. */
  public static final String RETENTION_RAW = "retention.resolution-raw";
  /** {@code --retention.resolution-5m}. */
  public static final String RETENTION_5M = "retention.resolution-5m";
  /** {@code --retention.resolution-1h}. */
  public static final String RETENTION_1H = "retention.resolution-1h";

  private FlagNames() {}
}
