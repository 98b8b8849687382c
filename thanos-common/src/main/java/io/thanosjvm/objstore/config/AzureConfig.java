package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.time.Duration;
import java.util.Objects;

/**
 * AZURE provider config.
 *
 * @param azTenantId service principal tenant, with {@code clientId} and {@code clientSecret}
 * @param clientId service principal (or workload identity) client id
 * @param clientSecret service principal secret
 * @param storageAccount storage account name (required)
 * @param storageAccountKey shared key, "" for none
 * @param storageConnectionString connection string, alternative to the key
 * @param storageCreateContainer create the container when missing
 * @param container container name (required)
 * @param endpoint blob service domain, default {@code blob.core.windows.net}
 * @param userAssignedId user-assigned managed identity client id
 * @param maxRetries default for {@code pipeline_config.max_tries} and {@code reader_config.max_retry_requests}
 * @param readerMaxRetryRequests {@code reader_config.max_retry_requests}
 * @param pipeline {@code pipeline_config}
 * @param httpConfig HTTP client settings
 * @param msiResource managed identity resource (system-assigned identity)
 */
public record AzureConfig(
    String azTenantId,
    String clientId,
    String clientSecret,
    String storageAccount,
    String storageAccountKey,
    String storageConnectionString,
    boolean storageCreateContainer,
    String container,
    String endpoint,
    String userAssignedId,
    int maxRetries,
    int readerMaxRetryRequests,
    Pipeline pipeline,
    HttpConfig httpConfig,
    String msiResource)
    implements ProviderConfig {

  /** The public Azure blob domain. */
  public static final String DEFAULT_ENDPOINT = "blob.core.windows.net";

  /**
   * The {@code pipeline_config} block; zero values mean "default".
   *
   * @param maxTries attempts per request
   * @param tryTimeout bound of one attempt
   * @param retryDelay first back-off delay
   * @param maxRetryDelay back-off cap
   */
  public record Pipeline(int maxTries, Duration tryTimeout, Duration retryDelay, Duration maxRetryDelay) {

    /** Validates the block. */
    public Pipeline {
      Objects.requireNonNull(tryTimeout, "tryTimeout");
      Objects.requireNonNull(retryDelay, "retryDelay");
      Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    }
  }

  /** Validates the config. */
  public AzureConfig {
    Objects.requireNonNull(storageAccount, "storageAccount");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(httpConfig, "httpConfig");
  }

  /** Returns the attempts per operation: {@code pipeline_config.max_tries}, else {@code max_retries}. */
  public int effectiveMaxTries() {
    return pipeline.maxTries() > 0 ? pipeline.maxTries() : maxRetries;
  }

  /** Returns the blob service URL for the account, over HTTPS. */
  public String serviceUrl() {
    return "https://" + storageAccount + "." + endpoint;
  }

  /** Reads and validates the section. */
  static AzureConfig read(YamlNode node, boolean strict) {
    YamlNode reader = node.child("reader_config");
    int readerRetries = reader.integer("max_retry_requests", 0);
    reader.finish(strict);
    YamlNode pipe = node.child("pipeline_config");
    Pipeline pipeline =
        new Pipeline(
            pipe.integer("max_tries", 0),
            pipe.promDuration("try_timeout", Duration.ZERO),
            pipe.promDuration("retry_delay", Duration.ZERO),
            pipe.promDuration("max_retry_delay", Duration.ZERO));
    pipe.finish(strict);
    AzureConfig c =
        new AzureConfig(
            node.string("az_tenant_id", ""),
            node.string("client_id", ""),
            node.string("client_secret", ""),
            node.requiredString("storage_account"),
            node.string("storage_account_key", ""),
            node.string("storage_connection_string", ""),
            node.bool("storage_create_container", true),
            node.requiredString("container"),
            nonEmptyOr(node.string("endpoint", ""), DEFAULT_ENDPOINT),
            node.string("user_assigned_id", ""),
            node.integer("max_retries", 0),
            readerRetries,
            pipeline,
            HttpConfig.read(node.child("http_config"), strict),
            node.string("msi_resource", ""));
    node.finish(strict);
    validate(node, c);
    return c;
  }

  private static void validate(YamlNode node, AzureConfig c) {
    if (!c.userAssignedId.isEmpty()) {
      if (!c.storageAccountKey.isEmpty()) {
        throw node.error("user_assigned_id", "cannot be combined with storage_account_key");
      }
      if (!c.storageConnectionString.isEmpty()) {
        throw node.error("user_assigned_id", "cannot be combined with storage_connection_string");
      }
      if (!c.clientId.isEmpty()) {
        throw node.error("user_assigned_id", "cannot be combined with client_id");
      }
    }
    if (!c.storageAccountKey.isEmpty() && !c.storageConnectionString.isEmpty()) {
      throw node.error("storage_connection_string", "cannot be combined with storage_account_key");
    }
    if (c.maxRetries < 0 || c.readerMaxRetryRequests < 0 || c.pipeline.maxTries() < 0) {
      throw node.error("max_retries", "retry counts must not be negative");
    }
  }

  private static String nonEmptyOr(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }
}
