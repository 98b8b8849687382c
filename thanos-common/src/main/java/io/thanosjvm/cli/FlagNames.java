package io.thanosjvm.cli;

/**
 * Names of flags declared by more than one field or command (several components, or a component and a
 * {@code thanos tools} command) or named in messages outside their declaration, so that each name is spelled once
 * in main code ({@code FlagNamesSpelledOnceTest}).
 */
public final class FlagNames {

  /** {@code --label} (external labels of ruler and receive, {@code tools bucket upload-blocks}). */
  public static final String LABEL = "label";
  /** {@code --query} (the ruler's query API servers). */
  public static final String QUERY = "query";
  /** {@code --query.http-method}. */
  public static final String QUERY_HTTP_METHOD = "query.http-method";
  /** {@code --eval-interval}. */
  public static final String EVAL_INTERVAL = "eval-interval";
  /** {@code --alertmanagers.url}. */
  public static final String ALERTMANAGERS_URL = "alertmanagers.url";
  /** {@code --alertmanagers.config} (the ruler). */
  public static final String ALERTMANAGERS_CONFIG = "alertmanagers.config";
  /** {@code --alertmanagers.config-file} (the ruler). */
  public static final String ALERTMANAGERS_CONFIG_FILE = "alertmanagers.config-file";
  /** {@code --query.config} (the ruler). */
  public static final String QUERY_CONFIG = "query.config";
  /** {@code --query.config-file} (the ruler). */
  public static final String QUERY_CONFIG_FILE = "query.config-file";
  /** {@code --remote-write.config} (the stateless ruler). */
  public static final String REMOTE_WRITE_CONFIG = "remote-write.config";
  /** {@code --remote-write.config-file} (the stateless ruler). */
  public static final String REMOTE_WRITE_CONFIG_FILE = "remote-write.config-file";
  /** {@code --alert.relabel-config} (the ruler). */
  public static final String ALERT_RELABEL_CONFIG = "alert.relabel-config";
  /** {@code --alert.relabel-config-file} (the ruler). */
  public static final String ALERT_RELABEL_CONFIG_FILE = "alert.relabel-config-file";
  /** {@code --alert.query-template}. */
  public static final String ALERT_QUERY_TEMPLATE = "alert.query-template";
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
  /** Data directory of the local TSDB (sidecar: Prometheus' TSDB; receive: the tenants' TSDBs). */
  public static final String TSDB_PATH = "tsdb.path";
  /** {@code --tsdb.retention} (receive, rule). */
  public static final String TSDB_RETENTION = "tsdb.retention";
  /** {@code --tsdb.wal-compression} (receive, rule). */
  public static final String TSDB_WAL_COMPRESSION = "tsdb.wal-compression";
  /** {@code --grpc-server-tls-cert}. */
  public static final String GRPC_SERVER_TLS_CERT = "grpc-server-tls-cert";
  /** {@code --grpc-server-tls-key}. */
  public static final String GRPC_SERVER_TLS_KEY = "grpc-server-tls-key";
  /** {@code --grpc-server-tls-client-ca}. */
  public static final String GRPC_SERVER_TLS_CLIENT_CA = "grpc-server-tls-client-ca";
  /** {@code --grpc-server-tls-min-version}. */
  public static final String GRPC_SERVER_TLS_MIN_VERSION = "grpc-server-tls-min-version";
  /** {@code --remote-write.server-tls-cert} (receive). */
  public static final String REMOTE_WRITE_SERVER_TLS_CERT = "remote-write.server-tls-cert";
  /** {@code --remote-write.server-tls-key} (receive). */
  public static final String REMOTE_WRITE_SERVER_TLS_KEY = "remote-write.server-tls-key";
  /** {@code --remote-write.server-tls-client-ca} (receive). */
  public static final String REMOTE_WRITE_SERVER_TLS_CLIENT_CA = "remote-write.server-tls-client-ca";
  /** {@code --grpc-client-tls-secure}. */
  public static final String GRPC_CLIENT_TLS_SECURE = "grpc-client-tls-secure";
  /** {@code --grpc-client-tls-cert}. */
  public static final String GRPC_CLIENT_TLS_CERT = "grpc-client-tls-cert";
  /** {@code --grpc-client-tls-key}. */
  public static final String GRPC_CLIENT_TLS_KEY = "grpc-client-tls-key";
  /** {@code --grpc-client-server-name}. */
  public static final String GRPC_CLIENT_SERVER_NAME = "grpc-client-server-name";
  /** {@code --http.config} (the web config: TLS, basic auth, headers). */
  public static final String HTTP_CONFIG = "http.config";
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
  /** {@code --compact.enable-vertical-compaction}. */
  public static final String COMPACT_ENABLE_VERTICAL_COMPACTION = "compact.enable-vertical-compaction";
  /** {@code --compact.skip-block-with-out-of-order-chunks}. */
  public static final String COMPACT_SKIP_OUT_OF_ORDER_CHUNKS = "compact.skip-block-with-out-of-order-chunks";
  /** {@code --deduplication.replica-label}. */
  public static final String DEDUPLICATION_REPLICA_LABEL = "deduplication.replica-label";
  /** {@code --store.limits.request-series}. */
  public static final String STORE_LIMITS_REQUEST_SERIES = "store.limits.request-series";
  /** {@code --store.limits.request-samples}. */
  public static final String STORE_LIMITS_REQUEST_SAMPLES = "store.limits.request-samples";
  /** {@code --store.grpc.downloaded-bytes-limit}. */
  public static final String STORE_DOWNLOADED_BYTES_LIMIT = "store.grpc.downloaded-bytes-limit";
  /** {@code --prometheus.ready_timeout}. */
  public static final String PROMETHEUS_READY_TIMEOUT = "prometheus.ready_timeout";
  /** {@code --web.enable-admin-api}: the querier's series deletion API. */
  public static final String WEB_ENABLE_ADMIN_API = "web.enable-admin-api";
  /** {@code --deletion.refresh-interval}. */
  public static final String DELETION_REFRESH_INTERVAL = "deletion.refresh-interval";
  /** {@code --wait}. */
  public static final String WAIT = "wait";
  /** {@code --wait-interval}. */
  public static final String WAIT_INTERVAL = "wait-interval";
  /** The compactor's and the bucket downsample tool's per-block file transfer concurrency. */
  public static final String BLOCK_FILES_CONCURRENCY = "block-files-concurrency";
  /** The compactor's and the bucket downsample tool's block concurrency. */
  public static final String DOWNSAMPLE_CONCURRENCY = "downsample.concurrency";
  /** Every server's HTTP listen address (the bucket web tool's too). */
  public static final String HTTP_ADDRESS = "http-address";

  private FlagNames() {}
}
