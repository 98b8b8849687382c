package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one explicit table from Thanos' command-line flags to {@code thanos.*} properties, per component.
 * Flag names and defaults are Thanos'; every app translates its arguments through this table.
 */
public final class FlagTable {

  private static final List<FlagSpec> LOGGING = List.of(
      FlagSpec.single("log.level", "thanos.log.level", "info",
          "Log filtering level (error, warn, info, debug)."),
      FlagSpec.single("log.format", "thanos.log.format", "logfmt",
          "Log format to use (logfmt, json)."),
      FlagSpec.single("tracing.config-file", "thanos.tracing.config-file", "",
          "Path to a tracing configuration file. Tracing is not implemented yet: a warning is logged."),
      FlagSpec.single("tracing.config", "thanos.tracing.config", "",
          "Inline tracing configuration. Tracing is not implemented yet: a warning is logged."));

  private static final List<FlagSpec> HTTP = List.of(
      FlagSpec.single("http-address", "thanos.http.address", "0.0.0.0:10902",
          "Listen host:port for HTTP endpoints."),
      FlagSpec.single("http-grace-period", "thanos.http.grace-period", "2m",
          "Time to wait after an interrupt received for HTTP Server."),
      FlagSpec.notImplemented("http.config",
          "Path to a TLS/basic-auth web configuration file (not implemented yet)."));

  private static final List<FlagSpec> GRPC = List.of(
      FlagSpec.single("grpc-address", "thanos.grpc.address", "0.0.0.0:10901",
          "Listen host:port for gRPC endpoints."),
      FlagSpec.single("grpc-grace-period", "thanos.grpc.grace-period", "2m",
          "Time to wait after an interrupt received for gRPC Server."),
      FlagSpec.single("grpc-server-max-connection-age", "thanos.grpc.max-connection-age", "60m",
          "The grpc server max connection age."),
      FlagSpec.notImplemented("grpc-server-tls-cert", "TLS certificate for the gRPC server (not implemented yet)."),
      FlagSpec.notImplemented("grpc-server-tls-key", "TLS key for the gRPC server (not implemented yet)."),
      FlagSpec.notImplemented("grpc-server-tls-client-ca", "TLS client CA for the gRPC server (not implemented yet)."),
      FlagSpec.notImplemented("grpc-server-tls-min-version", "Minimum TLS version (not implemented yet)."));

  private static final List<FlagSpec> QUERY = List.of(
      FlagSpec.list("endpoint", "thanos.query.endpoints",
          "Address of a StoreAPI server (host:port, dns+host:port, dnssrv+name). Repeatable."),
      FlagSpec.commaList("query.replica-label", "thanos.query.replica-labels",
          "Labels to treat as replica indicators, removed when deduplicating. Repeatable or comma list."),
      FlagSpec.single("query.timeout", "thanos.query.timeout", "2m", "Maximum time to process a query."),
      FlagSpec.single("query.max-concurrent", "thanos.query.max-concurrent", "20",
          "Maximum number of queries processed concurrently."),
      FlagSpec.single("query.lookback-delta", "thanos.query.lookback-delta", "5m",
          "How far back to look for the latest sample of a series in an instant selector."),
      FlagSpec.bool("query.partial-response", "thanos.query.partial-response", true,
          "Enable partial response by default when the request does not set it."),
      FlagSpec.bool("query.auto-downsampling", "thanos.query.auto-downsampling", false,
          "Enable automatic adjustment (step / 5) of max_source_resolution."),
      FlagSpec.single("query.instant.default.max_source_resolution",
          "thanos.query.instant-default-max-source-resolution", "0s",
          "default value for max_source_resolution for instant queries. If not set, defaults to 0s only taking "
              + "raw resolution into account. 1h can be a good value if you use instant queries over time ranges "
              + "that incorporate times outside of your raw-retention."),
      FlagSpec.bool("query.dynamic-lookback-delta", "thanos.query.dynamic-lookback-delta", true,
          "Allow for larger lookback duration for queries based on resolution."),
      FlagSpec.single("store.response-timeout", "thanos.query.store-response-timeout", "0ms",
          "A store sending nothing for this long is aborted (0 disables)."));

  private static final List<FlagSpec> SIDECAR = List.of(
      FlagSpec.single("prometheus.url", "thanos.sidecar.prometheus-url", "http://localhost:9090",
          "URL at which to reach Prometheus's API."),
      FlagSpec.single("prometheus.ready_timeout", "thanos.sidecar.prometheus-ready-timeout", "10m",
          "Maximum time to wait for the Prometheus instance to start up."),
      FlagSpec.single("prometheus.get_config_interval", "thanos.sidecar.get-config-interval", "30s",
          "How often to get Prometheus config."),
      FlagSpec.single("prometheus.get_config_timeout", "thanos.sidecar.get-config-timeout", "30s",
          "Timeout for getting Prometheus config."),
      FlagSpec.single("tsdb.path", "thanos.sidecar.tsdb-path", "./data", "Data directory of TSDB."),
      FlagSpec.single("objstore.config-file", "thanos.sidecar.objstore-config-file", "",
          "Path to YAML file that contains object store configuration. Blocks are shipped only when set."),
      FlagSpec.single("objstore.config", "thanos.sidecar.objstore-config", "",
          "Alternative to 'objstore.config-file' flag: object store configuration in YAML."),
      FlagSpec.bool("shipper.upload-compacted", "thanos.sidecar.shipper-upload-compacted", false,
          "If true shipper will try to upload compacted blocks as well. Useful for migration purposes. Works only "
              + "if compaction is disabled on Prometheus. Do it once and then disable the flag when done."),
      FlagSpec.single("shipper.meta-file-name", "thanos.sidecar.shipper-meta-file-name", "thanos.shipper.json",
          "the file to store shipper metadata in"),
      FlagSpec.single("hash-func", "thanos.sidecar.hash-func", "",
          "Specify which hash function to use when calculating the hashes of produced files. If no function has been specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance cost. Possible values are: \"\", \"SHA256\"."),
      FlagSpec.bool("shipper.ignore-unequal-block-size", "thanos.sidecar.shipper-ignore-unequal-block-size", false,
          "If true sidecar will not require prometheus min and max block size flags to be set to the same value. "
              + "Only use this if you want to keep long retention and compaction enabled on your Prometheus "
              + "instance, as in the worst case it can result in ~2h data loss for your Thanos bucket storage."));

  private static final List<FlagSpec> STORE = List.of(
      FlagSpec.single("data-dir", "thanos.store.data-dir", "./data",
          "Local directory for index-headers (one sub-directory per block)."),
      FlagSpec.single("objstore.config-file", "thanos.store.objstore-config-file", "",
          "Path to the YAML object store configuration of the bucket to serve."),
      FlagSpec.single("objstore.config", "thanos.store.objstore-config", "",
          "Inline YAML object store configuration (alternative to the file)."),
      FlagSpec.single("index-cache-size", "thanos.store.index-cache-size", "250MB",
          "Size of the in-memory index cache used when no index cache configuration is given."),
      FlagSpec.single("index-cache.config-file", "thanos.store.index-cache-config-file", "",
          "Path to the YAML index cache configuration (IN-MEMORY, MEMCACHED or REDIS)."),
      FlagSpec.single("index-cache.config", "thanos.store.index-cache-config", "",
          "Inline YAML index cache configuration (alternative to the file)."),
      FlagSpec.single("store.caching-bucket.config-file", "thanos.store.caching-bucket-config-file", "",
          "Path to the YAML caching bucket configuration (IN-MEMORY, MEMCACHED or REDIS backend plus chunk_subrange_size,"
              + " max_chunks_get_range_requests and the *_ttl keys): chunk ranges, meta files and the block listing are"
              + " cached in front of the bucket."),
      FlagSpec.single("store.caching-bucket.config", "thanos.store.caching-bucket-config", "",
          "Inline YAML caching bucket configuration (alternative to the file)."),
      FlagSpec.single("sync-block-duration", "thanos.store.sync-block-duration", "15m",
          "How often the bucket is synced: new blocks loaded, removed ones dropped."),
      FlagSpec.single("block-sync-concurrency", "thanos.store.block-sync-concurrency", "20",
          "Number of blocks loaded (index-headers built) at once."),
      FlagSpec.single("block-meta-fetch-concurrency", "thanos.store.block-meta-fetch-concurrency", "32",
          "Number of meta.json files fetched at once."),
      FlagSpec.single("store.grpc.series-max-concurrency", "thanos.store.series-max-concurrency", "20",
          "Maximum number of concurrent Series calls; further calls wait at the gate."),
      FlagSpec.single("store.limits.request-series", "thanos.store.limits-request-series", "0",
          "Maximum series one Series call may touch (0 = no limit)."),
      FlagSpec.single("store.limits.request-samples", "thanos.store.limits-request-samples", "0",
          "Maximum samples one Series call may fetch, enforced as chunks x 120 (0 = no limit)."),
      FlagSpec.single("store.grpc.downloaded-bytes-limit", "thanos.store.downloaded-bytes-limit", "0",
          "Maximum bytes of postings, series and chunks one Series call may download (0 = no limit)."),
      FlagSpec.single("min-time", "thanos.store.min-time", "0000-01-01T00:00:00Z",
          "Serve only blocks and data at or after this time: RFC 3339 or a duration relative to now such as -2w."),
      FlagSpec.single("max-time", "thanos.store.max-time", "9999-12-31T23:59:59Z",
          "Serve only blocks and data at or before this time: RFC 3339 or a duration relative to now such as -1d."),
      FlagSpec.single("selector.relabel-config-file", "thanos.store.selector-relabel-config-file", "",
          "Path to relabel rules over block external labels (and __block_id) choosing the blocks to serve."),
      FlagSpec.single("selector.relabel-config", "thanos.store.selector-relabel-config", "",
          "Inline relabel rules choosing the blocks to serve (alternative to the file)."),
      FlagSpec.single("consistency-delay", "thanos.store.consistency-delay", "0s",
          "Minimum age of a block before it is loaded (eventually consistent buckets)."),
      FlagSpec.single("ignore-deletion-marks-delay", "thanos.store.ignore-deletion-marks-delay", "24h",
          "Blocks marked for deletion longer ago than this are no longer served."),
      FlagSpec.bool("store.enable-index-header-lazy-reader", "thanos.store.enable-index-header-lazy-reader", false,
          "Open index-headers on first use and close them after the idle timeout."),
      FlagSpec.single("store.index-header-lazy-reader-idle-timeout",
          "thanos.store.index-header-lazy-reader-idle-timeout", "5m",
          "Idle time after which a lazily opened index-header is closed."),
      FlagSpec.bool("cache-index-header", "thanos.store.cache-index-header", true,
          "Keep index-headers on local disk across restarts (otherwise they are deleted when a block is dropped or the store stops)."));

  private static final List<FlagSpec> COMPACT = List.of(
      FlagSpec.single("data-dir", "thanos.compact.data-dir", "./data",
          "Local directory blocks are downloaded to and compacted in (scratch space; may be wiped between runs)."),
      FlagSpec.single("objstore.config-file", "thanos.compact.objstore-config-file", "",
          "Path to the YAML object store configuration of the bucket to compact."),
      FlagSpec.single("objstore.config", "thanos.compact.objstore-config", "",
          "Inline YAML object store configuration (alternative to the file)."),
      FlagSpec.single("consistency-delay", "thanos.compact.consistency-delay", "30m",
          "Minimum age of a block (by upload time, else ULID time) before it is considered; blocks made by the compactor are exempt."),
      FlagSpec.single("retention.resolution-raw", "thanos.compact.retention-resolution-raw", "0d",
          "How long raw (resolution 0) blocks are kept; 0 keeps them forever."),
      FlagSpec.single("retention.resolution-5m", "thanos.compact.retention-resolution5m", "0d",
          "How long 5m-resolution blocks are kept; 0 keeps them forever."),
      FlagSpec.single("retention.resolution-1h", "thanos.compact.retention-resolution1h", "0d",
          "How long 1h-resolution blocks are kept; 0 keeps them forever."),
      FlagSpec.bool("wait", "thanos.compact.wait", false,
          "Do not exit after all compactions have been processed: repeat every wait interval."),
      FlagSpec.single("wait-interval", "thanos.compact.wait-interval", "5m",
          "Wait interval between consecutive compaction runs and bucket refreshes (with --wait)."),
      FlagSpec.bool("downsampling.disable", "thanos.compact.downsampling-disable", false,
          "Disables downsampling. Not recommended: querying long time ranges without downsampled data is expensive."),
      FlagSpec.single("block-meta-fetch-concurrency", "thanos.compact.block-meta-fetch-concurrency", "32",
          "Number of goroutines (threads) to use when fetching block metadata from object storage."),
      FlagSpec.single("block-files-concurrency", "thanos.compact.block-files-concurrency", "1",
          "Number of threads to use when fetching/uploading the files of one block from/to object storage."),
      FlagSpec.single("compact.concurrency", "thanos.compact.compact-concurrency", "1",
          "Number of groups compacted concurrently."),
      FlagSpec.single("compact.blocks-fetch-concurrency", "thanos.compact.compact-blocks-fetch-concurrency", "1",
          "Number of threads to use when downloading the blocks of one compaction plan."),
      FlagSpec.single("downsample.concurrency", "thanos.compact.downsample-concurrency", "1",
          "Number of blocks downsampled concurrently."),
      FlagSpec.single("compact.cleanup-interval", "thanos.compact.cleanup-interval", "5m",
          "How often blocks marked for deletion longer than the delete delay are deleted (with --wait); 0 disables the background cleaner."),
      FlagSpec.single("compact.progress-interval", "thanos.compact.progress-interval", "5m",
          "How often the todo metrics (compactions, downsamples, deletions pending) are recomputed; 0 disables."),
      FlagSpec.single("delete-delay", "thanos.compact.delete-delay", "48h",
          "Time between a block being marked for deletion and its deletion; must exceed readers' ignore-deletion-marks-delay. 0 deletes immediately."),
      FlagSpec.single("deduplication.func", "thanos.compact.deduplication-func", "",
          "Offline deduplication of replica blocks: \"\" (one-to-one: identical samples merged) or \"penalty\" (the querier's penalty algorithm; needs a replica label)."),
      FlagSpec.list("deduplication.replica-label", "thanos.compact.deduplication-replica-label",
          "External labels treating blocks as replicas that are merged into one (vertical compaction); irreversible."),
      FlagSpec.single("min-time", "thanos.compact.min-time", "0000-01-01T00:00:00Z",
          "Only blocks newer than this (RFC 3339 or relative duration like -2w) are compacted."),
      FlagSpec.single("max-time", "thanos.compact.max-time", "9999-12-31T23:59:59Z",
          "Only blocks older than this (RFC 3339 or relative duration) are compacted."),
      FlagSpec.single("selector.relabel-config-file", "thanos.compact.selector-relabel-config-file", "",
          "Path to a relabel configuration over blocks' external labels selecting the blocks this compactor owns."),
      FlagSpec.single("selector.relabel-config", "thanos.compact.selector-relabel-config", "",
          "Inline relabel configuration selecting the blocks this compactor owns (alternative to the file)."),
      FlagSpec.bool("debug.halt-on-error", "thanos.compact.halt-on-error", true,
          "Halt (stay up doing nothing, thanos_compact_halted=1) on a halt error instead of exiting."),
      FlagSpec.bool("compact.enable-vertical-compaction", "thanos.compact.enable-vertical-compaction", false,
          "Compact overlapping blocks of a group (vertical compaction) instead of halting."),
      FlagSpec.single("compact.block-max-index-size", "thanos.compact.block-max-index-size", "64GB",
          "Maximum estimated index size of a compacted block; a plan above it gets its biggest block marked no-compact."),
      FlagSpec.single("debug.max-compaction-level", "thanos.compact.max-compaction-level", "4",
          "Maximum compaction level (ranges 2h, 8h, 2d, 14d for levels 1-4)."),
      FlagSpec.bool("compact.skip-block-with-out-of-order-chunks", "thanos.compact.skip-block-with-out-of-order-chunks", false,
          "Mark blocks with out-of-order chunks no-compact instead of halting."),
      FlagSpec.single("hash-func", "thanos.compact.hash-func", "",
          "Specify which hash function to use when calculating the hashes of produced files. If no function has been specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance cost. Possible values are: \"\", \"SHA256\"."),
      FlagSpec.single("bucket-web-label", "thanos.compact.bucket-web-label", "",
          "External label the block viewer groups blocks by."),
      FlagSpec.single("block-viewer.global.sync-block-interval", "thanos.compact.block-viewer-sync-interval", "1m",
          "How often the block viewer's (and /api/v1/blocks') list of blocks is refreshed."));


  private static final List<FlagSpec> DEMO = List.of(
      FlagSpec.single("data-dir", "thanos.demo.data-dir", "./data/demo",
          "Directory of the demo bucket (generated on the first run, reused afterwards) and index-headers."));

  private static final List<FlagSpec> QUERY_FRONTEND = List.of(
      FlagSpec.single("query-frontend.downstream-url", "thanos.query-frontend.downstream-url", "http://localhost:9090",
          "URL of the downstream Prometheus-compatible query API (a querier or Prometheus) requests are sent to."),
      FlagSpec.list("query-frontend.forward-header", "thanos.query-frontend.forward-headers",
          "Request headers copied to the downstream; all others are dropped. Repeatable."),
      FlagSpec.list("query-frontend.org-id-header", "thanos.query-frontend.org-id-headers",
          "Request headers whose first present value names the tenant (part of the results cache key; deprecated in Thanos). Repeatable."),
      FlagSpec.bool("query-frontend.compress-responses", "thanos.query-frontend.compress-responses", false,
          "Compress HTTP responses (gzip) when the client accepts it."),
      FlagSpec.single("query-frontend.log-queries-longer-than", "thanos.query-frontend.log-queries-longer-than", "0",
          "Log queries slower than this (range and instant); 0 disables, a negative value logs every query."),
      FlagSpec.single("query-frontend.downstream-tripper-config-file", "thanos.query-frontend.downstream-tripper-config-file", "",
          "Path to the downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is used."),
      FlagSpec.single("query-frontend.downstream-tripper-config", "thanos.query-frontend.downstream-tripper-config", "",
          "Inline downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is used."),
      FlagSpec.single("query-range.split-interval", "thanos.query-frontend.query-range-split-interval", "24h",
          "Split range queries by this interval (aligned to its multiples, day boundaries for 24h) and run them in parallel; 0 disables splitting."),
      FlagSpec.single("query-range.min-split-interval", "thanos.query-frontend.query-range-min-split-interval", "0",
          "Dynamic split: minimum split interval. Accepted without effect: only the fixed split interval is implemented."),
      FlagSpec.single("query-range.max-split-interval", "thanos.query-frontend.query-range-max-split-interval", "0",
          "Dynamic split: maximum split interval. Accepted without effect: only the fixed split interval is implemented."),
      FlagSpec.single("query-range.horizontal-shards", "thanos.query-frontend.query-range-horizontal-shards", "0",
          "Dynamic split: number of horizontal shards. Accepted without effect: only the fixed split interval is implemented."),
      FlagSpec.single("query-range.max-retries-per-request", "thanos.query-frontend.query-range-max-retries-per-request", "5",
          "Maximum attempts of a range (sub-)query when the downstream answers 5xx or not at all (jittered backoff 200ms to 2s); 0 means one attempt."),
      FlagSpec.single("query.max-retries-per-request", "thanos.query-frontend.query-max-retries-per-request", "5",
          "Maximum attempts of an instant query when the downstream answers 5xx or not at all; 0 means one attempt."),
      FlagSpec.single("query-range.max-query-length", "thanos.query-frontend.query-range-max-query-length", "0",
          "Refuse range queries longer than this with bad_data; 0 disables the limit."),
      FlagSpec.single("query-range.max-query-parallelism", "thanos.query-frontend.query-range-max-query-parallelism", "14",
          "Maximum sub-queries of one range query sent downstream at once."),
      FlagSpec.single("query-range.response-cache-max-freshness", "thanos.query-frontend.query-range-response-cache-max-freshness", "1m",
          "Results newer than now minus this are never cached (the most recent data may still change)."),
      FlagSpec.bool("query-range.partial-response", "thanos.query-frontend.query-range-partial-response", true,
          "Default of partial_response for range queries that do not set it (part of the cache key)."),
      FlagSpec.bool("query-range.align-range-with-step", "thanos.query-frontend.query-range-align-range-with-step", true,
          "Round range query start and end down to multiples of the step, so shifted ranges reuse cached results."),
      FlagSpec.bool("query-range.request-downsampled", "thanos.query-frontend.query-range-request-downsampled", true,
          "Retry empty max_source_resolution=auto results with coarser resolutions. Accepted without effect for now."),
      FlagSpec.single("query-range.response-cache-config-file", "thanos.query-frontend.query-range-response-cache-config-file", "",
          "Path to the YAML of the range results cache (type IN-MEMORY, MEMCACHED or REDIS and config); no cache when empty."),
      FlagSpec.single("query-range.response-cache-config", "thanos.query-frontend.query-range-response-cache-config", "",
          "Inline YAML of the range results cache (alternative to the file)."),
      FlagSpec.single("cache-compression-type", "thanos.query-frontend.cache-compression-type", "",
          "Compression of cached values (\"\" or snappy). Accepted without effect: values are stored uncompressed."),
      FlagSpec.single("labels.split-interval", "thanos.query-frontend.labels-split-interval", "24h",
          "Split interval of label and series requests. Accepted without effect: labels and series are proxied unsplit."),
      FlagSpec.single("labels.max-retries-per-request", "thanos.query-frontend.labels-max-retries-per-request", "5",
          "Maximum attempts of label and series requests when the downstream answers 5xx or not at all; 0 means one attempt."),
      FlagSpec.single("labels.max-query-parallelism", "thanos.query-frontend.labels-max-query-parallelism", "14",
          "Parallelism of split label and series requests. Accepted without effect: they are not split."),
      FlagSpec.single("labels.response-cache-max-freshness", "thanos.query-frontend.labels-response-cache-max-freshness", "1m",
          "Freshness window of cached label and series results. Accepted without effect: they are not cached."),
      FlagSpec.bool("labels.partial-response", "thanos.query-frontend.labels-partial-response", true,
          "Default partial_response of label and series requests. Accepted without effect: requests are forwarded as sent."),
      FlagSpec.single("labels.default-time-range", "thanos.query-frontend.labels-default-time-range", "24h",
          "Time range of label and series requests without start/end. Accepted without effect: requests are forwarded as sent."),
      FlagSpec.single("labels.response-cache-config-file", "thanos.query-frontend.labels-response-cache-config-file", "",
          "Path to the YAML of the labels/series results cache. Accepted without effect: they are not cached."),
      FlagSpec.single("labels.response-cache-config", "thanos.query-frontend.labels-response-cache-config", "",
          "Inline YAML of the labels/series results cache. Accepted without effect: they are not cached."));

  private static final Map<String, ComponentSpec> COMPONENTS = build();

  private FlagTable() {}

  private static Map<String, ComponentSpec> build() {
    Map<String, ComponentSpec> m = new LinkedHashMap<>();
    m.put("query", new ComponentSpec("query",
        "Query node exposing PromQL enabled Query API with data retrieved from multiple store nodes.",
        "thanos-query-app", concat(LOGGING, HTTP, GRPC, QUERY)));
    m.put("tools", new ComponentSpec("tools",
        "Tools utility commands (tsdb dump|analyze, blocks generate); each sub-command parses its own flags.",
        "thanos-tools-app", List.of()));
    m.put("sidecar", new ComponentSpec("sidecar",
        "Sidecar for Prometheus server.", "thanos-sidecar-app", concat(LOGGING, HTTP, GRPC, SIDECAR)));
    m.put("store", new ComponentSpec("store",
        "Store node giving access to blocks in a bucket provider.", "thanos-store-app",
        concat(LOGGING, HTTP, GRPC, STORE)));
    m.put("compact", new ComponentSpec("compact",
        "Continuously compacts blocks in an object store bucket: compaction, downsampling, retention.",
        "thanos-compactor-app", concat(LOGGING, HTTP, COMPACT)));
    m.put("demo", new ComponentSpec("demo",
        "Demo: a store gateway over a generated local bucket and a querier in one process; prints the UI address.",
        "thanos-query-app", concat(LOGGING, HTTP, GRPC, DEMO)));
    m.put("query-frontend", new ComponentSpec("query-frontend",
        "Query frontend command: splits, caches and retries range queries in front of a Prometheus-compatible API.",
        "thanos-query-frontend-app", concat(LOGGING, HTTP, QUERY_FRONTEND)));
    return Collections.unmodifiableMap(m);
  }

  @SafeVarargs
  private static List<FlagSpec> concat(List<FlagSpec>... parts) {
    List<FlagSpec> all = new ArrayList<>();
    for (List<FlagSpec> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  /** Every component, in help order. */
  public static Map<String, ComponentSpec> components() {
    return COMPONENTS;
  }

  /**
   * The spec of a component.
   *
   * @throws IllegalArgumentException naming the known components when unknown
   */
  public static ComponentSpec component(String name) {
    ComponentSpec spec = COMPONENTS.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown component \"" + name + "\"; known: " + String.join(", ", COMPONENTS.keySet()));
    }
    return spec;
  }
}
