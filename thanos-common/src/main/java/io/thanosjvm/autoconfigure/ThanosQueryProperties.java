package io.thanosjvm.autoconfigure;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos query}, under {@code thanos.query.*} (flags {@code --endpoint},
 * {@code --query.replica-label}, {@code --query.timeout}, ...). Bound here so that bad values fail at
 * start-up; the query engine wiring consumes them.
 */
@ConfigurationProperties("thanos.query")
@Validated
public class ThanosQueryProperties {

  /** StoreAPI endpoints to fan out to: host:port, dns+host:port or dnssrv+name. */
  private List<String> endpoints = new ArrayList<>();

  /** Labels treated as replica indicators and removed when deduplicating. */
  private List<String> replicaLabels = new ArrayList<>();

  /** Maximum time to process a query. */
  private Duration timeout = Duration.ofMinutes(2);

  /** Maximum number of queries processed concurrently. */
  @Min(value = 1, message = "must be at least 1")
  private int maxConcurrent = 20;

  /** How far back an instant selector looks for the latest sample. */
  private Duration lookbackDelta = Duration.ofMinutes(5);

  /** Whether partial response is enabled when a request does not say. */
  private boolean partialResponse = true;

  /** Whether max_source_resolution defaults to step / 5. */
  private boolean autoDownsampling;

  /** A store sending nothing for this long is aborted; zero disables. */
  private Duration storeResponseTimeout = Duration.ZERO;

  /**
   * max_source_resolution of instant queries that ask for {@code auto} (or any instant query with auto
   * downsampling on); zero reads raw data only.
   */
  private Duration instantDefaultMaxSourceResolution = Duration.ZERO;

  /** Whether the lookback delta grows to the resolution in use (5m or 1h) when downsampled data is allowed. */
  private boolean dynamicLookbackDelta = true;

  /** The endpoints. */
  public List<String> getEndpoints() {
    return endpoints;
  }

  /** Sets the endpoints. */
  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }

  /** The replica labels. */
  public List<String> getReplicaLabels() {
    return replicaLabels;
  }

  /** Sets the replica labels. */
  public void setReplicaLabels(List<String> replicaLabels) {
    this.replicaLabels = replicaLabels;
  }

  /** The query timeout. */
  public Duration getTimeout() {
    return timeout;
  }

  /** Sets the query timeout. */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** The concurrency limit. */
  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  /** Sets the concurrency limit. */
  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  /** The lookback delta. */
  public Duration getLookbackDelta() {
    return lookbackDelta;
  }

  /** Sets the lookback delta. */
  public void setLookbackDelta(Duration lookbackDelta) {
    this.lookbackDelta = lookbackDelta;
  }

  /** Whether partial response is the default. */
  public boolean isPartialResponse() {
    return partialResponse;
  }

  /** Sets whether partial response is the default. */
  public void setPartialResponse(boolean partialResponse) {
    this.partialResponse = partialResponse;
  }

  /** Whether auto downsampling is on. */
  public boolean isAutoDownsampling() {
    return autoDownsampling;
  }

  /** Sets auto downsampling. */
  public void setAutoDownsampling(boolean autoDownsampling) {
    this.autoDownsampling = autoDownsampling;
  }

  /** The per-store response timeout. */
  public Duration getStoreResponseTimeout() {
    return storeResponseTimeout;
  }

  /** Sets the per-store response timeout. */
  public void setStoreResponseTimeout(Duration storeResponseTimeout) {
    this.storeResponseTimeout = storeResponseTimeout;
  }

  /** The default max_source_resolution of instant queries. */
  public Duration getInstantDefaultMaxSourceResolution() {
    return instantDefaultMaxSourceResolution;
  }

  /** Sets the default max_source_resolution of instant queries. */
  public void setInstantDefaultMaxSourceResolution(Duration instantDefaultMaxSourceResolution) {
    this.instantDefaultMaxSourceResolution = instantDefaultMaxSourceResolution;
  }

  /** Whether the lookback delta follows the resolution. */
  public boolean isDynamicLookbackDelta() {
    return dynamicLookbackDelta;
  }

  /** Sets whether the lookback delta follows the resolution. */
  public void setDynamicLookbackDelta(boolean dynamicLookbackDelta) {
    this.dynamicLookbackDelta = dynamicLookbackDelta;
  }
}
