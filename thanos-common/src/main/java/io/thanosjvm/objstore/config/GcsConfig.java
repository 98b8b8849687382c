package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.util.Objects;

/**
 * GCS provider config.
 *
 * @param bucket bucket name (required)
 * @param serviceAccount inline service-account JSON key, "" for Application Default Credentials
 * @param useGrpc talk gRPC instead of JSON/HTTP
 * @param grpcConnPoolSize gRPC channel count, 0 for the default
 * @param httpConfig HTTP client settings
 * @param chunkSizeBytes resumable upload chunk size, 0 for the client default
 * @param maxRetries attempts of a failed operation, 0 for the default; 1 disables retries
 */
public record GcsConfig(
    String bucket,
    String serviceAccount,
    boolean useGrpc,
    int grpcConnPoolSize,
    HttpConfig httpConfig,
    int chunkSizeBytes,
    int maxRetries)
    implements ProviderConfig {

  /** Validates the config. */
  public GcsConfig {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(httpConfig, "httpConfig");
    if (grpcConnPoolSize < 0 || chunkSizeBytes < 0 || maxRetries < 0) {
      throw new IllegalArgumentException("counts and sizes must not be negative");
    }
  }

  /** Reads and validates the section. */
  static GcsConfig read(YamlNode node, boolean strict) {
    GcsConfig config =
        new GcsConfig(
            node.requiredString("bucket"),
            node.string("service_account", ""),
            node.bool("use_grpc", false),
            atLeastZero(node, "grpc_conn_pool_size"),
            HttpConfig.read(node.child("http_config"), strict),
            atLeastZero(node, "chunk_size_bytes"),
            atLeastZero(node, "max_retries"));
    node.finish(strict);
    return config;
  }

  private static int atLeastZero(YamlNode node, String key) {
    int v = node.integer(key, 0);
    if (v < 0) {
      throw node.error(key, "must not be negative, got " + v);
    }
    return v;
  }
}
