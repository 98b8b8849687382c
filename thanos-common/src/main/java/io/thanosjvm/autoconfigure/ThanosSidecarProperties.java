package io.thanosjvm.autoconfigure;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos sidecar}, under {@code thanos.sidecar.*} (flags {@code --prometheus.url},
 * {@code --prometheus.ready_timeout}, {@code --prometheus.get_config_interval}, {@code --objstore.config(-file)},
 * {@code --shipper.*}, ...).
 */
@ConfigurationProperties("thanos.sidecar")
@Validated
public class ThanosSidecarProperties {

  /** URL at which to reach Prometheus' API. */
  @NotNull
  private URI prometheusUrl = URI.create("http://localhost:9090");

  /** Maximum time to wait for Prometheus to be ready (and to have external labels) at start-up. */
  private Duration prometheusReadyTimeout = Duration.ofMinutes(10);

  /** How often to re-read Prometheus' configuration (external labels) and readiness. */
  private Duration getConfigInterval = Duration.ofSeconds(30);

  /** Timeout of each request to Prometheus. */
  private Duration getConfigTimeout = Duration.ofSeconds(30);

  /** Data directory of Prometheus' TSDB (where the shipper looks for blocks). */
  private String tsdbPath = "./data";

  /** Path to the object store YAML configuration; blocks are shipped only when this or the inline one is set. */
  private String objstoreConfigFile = "";

  /** Inline object store YAML configuration (alternative to the file). */
  private String objstoreConfig = "";

  /** Also ship blocks compacted by Prometheus (level above 1), for migrating old data; off by default. */
  private boolean shipperUploadCompacted;

  /** Name of the shipper's state file inside the TSDB directory. */
  private String shipperMetaFileName = "thanos.shipper.json";

  /**
   * Hash function recorded in meta.json for the files of uploaded blocks: empty (none) or {@code SHA256}. Flag
   * {@code --hash-func}.
   */
  private String hashFunc = "";

  /** Ship even though Prometheus' min and max block durations differ (risks losing a block to compaction). */
  private boolean shipperIgnoreUnequalBlockSize;

  /** How often the shipper looks for new blocks (Thanos: every 30s; not a Thanos flag). */
  private Duration shipperSyncInterval = Duration.ofSeconds(30);

  /** The Prometheus URL. */
  public URI getPrometheusUrl() {
    return prometheusUrl;
  }

  /** Sets the Prometheus URL. */
  public void setPrometheusUrl(URI prometheusUrl) {
    this.prometheusUrl = prometheusUrl;
  }

  /** The ready timeout. */
  public Duration getPrometheusReadyTimeout() {
    return prometheusReadyTimeout;
  }

  /** Sets the ready timeout. */
  public void setPrometheusReadyTimeout(Duration prometheusReadyTimeout) {
    this.prometheusReadyTimeout = prometheusReadyTimeout;
  }

  /** The configuration refresh interval. */
  public Duration getGetConfigInterval() {
    return getConfigInterval;
  }

  /** Sets the configuration refresh interval. */
  public void setGetConfigInterval(Duration getConfigInterval) {
    this.getConfigInterval = getConfigInterval;
  }

  /** The per-request timeout. */
  public Duration getGetConfigTimeout() {
    return getConfigTimeout;
  }

  /** Sets the per-request timeout. */
  public void setGetConfigTimeout(Duration getConfigTimeout) {
    this.getConfigTimeout = getConfigTimeout;
  }

  /** The TSDB path. */
  public String getTsdbPath() {
    return tsdbPath;
  }

  /** Sets the TSDB path. */
  public void setTsdbPath(String tsdbPath) {
    this.tsdbPath = tsdbPath;
  }

  /** The object store configuration file ("" when unset). */
  public String getObjstoreConfigFile() {
    return objstoreConfigFile;
  }

  /** Sets the object store configuration file. */
  public void setObjstoreConfigFile(String objstoreConfigFile) {
    this.objstoreConfigFile = objstoreConfigFile;
  }

  /** The inline object store configuration ("" when unset). */
  public String getObjstoreConfig() {
    return objstoreConfig;
  }

  /** Sets the inline object store configuration. */
  public void setObjstoreConfig(String objstoreConfig) {
    this.objstoreConfig = objstoreConfig;
  }

  /** Whether compacted blocks are shipped too. */
  public boolean isShipperUploadCompacted() {
    return shipperUploadCompacted;
  }

  /** Sets whether compacted blocks are shipped too. */
  public void setShipperUploadCompacted(boolean shipperUploadCompacted) {
    this.shipperUploadCompacted = shipperUploadCompacted;
  }

  /** The shipper state file name. */
  public String getShipperMetaFileName() {
    return shipperMetaFileName;
  }

  /** Sets the shipper state file name. */
  public void setShipperMetaFileName(String shipperMetaFileName) {
    this.shipperMetaFileName = shipperMetaFileName;
  }

  /** Hash function recorded in meta.json for uploaded files: empty (none) or SHA256. */
  public String getHashFunc() {
    return hashFunc;
  }

  /** Sets the hash function recorded in meta.json for uploaded files: empty (none) or SHA256. */
  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }

  /** Validation hook: the hash function must be one Thanos knows. */
  @AssertTrue(message = "--hash-func must be \"\" or \"SHA256\"")
  public boolean isHashFuncValid() {
    return hashFunc == null || hashFunc.isEmpty() || hashFunc.equals("SHA256");
  }

  /** Whether differing Prometheus block durations are accepted. */
  public boolean isShipperIgnoreUnequalBlockSize() {
    return shipperIgnoreUnequalBlockSize;
  }

  /** Sets whether differing Prometheus block durations are accepted. */
  public void setShipperIgnoreUnequalBlockSize(boolean shipperIgnoreUnequalBlockSize) {
    this.shipperIgnoreUnequalBlockSize = shipperIgnoreUnequalBlockSize;
  }

  /** The shipper's sync interval. */
  public Duration getShipperSyncInterval() {
    return shipperSyncInterval;
  }

  /** Sets the shipper's sync interval. */
  public void setShipperSyncInterval(Duration shipperSyncInterval) {
    this.shipperSyncInterval = shipperSyncInterval;
  }

  /** Whether a bucket is configured (so blocks are shipped). */
  public boolean isShipping() {
    return !objstoreConfigFile.isEmpty() || !objstoreConfig.isEmpty();
  }

  /** Validation hook: at most one of the object store file and inline configuration. */
  @AssertTrue(message = "thanos.sidecar.objstore-config-file and thanos.sidecar.objstore-config "
      + "(--objstore.config-file, --objstore.config) are exclusive")
  public boolean isObjstoreConfigUnambiguous() {
    return objstoreConfigFile.isEmpty() || objstoreConfig.isEmpty();
  }

  /** Validation hook: the sync interval is positive. */
  @AssertTrue(message = "thanos.sidecar.shipper-sync-interval must be positive")
  public boolean isShipperSyncIntervalValid() {
    return shipperSyncInterval != null && !shipperSyncInterval.isNegative() && !shipperSyncInterval.isZero();
  }
}
