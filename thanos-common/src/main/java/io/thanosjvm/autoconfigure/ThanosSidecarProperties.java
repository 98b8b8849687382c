package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos sidecar}, under {@code thanos.sidecar.*}. Blocks are shipped only when the objstore
 * group is set. Each {@link Flag} field is the one declaration of its flag.
 */
@ConfigurationProperties("thanos.sidecar")
@Validated
public class ThanosSidecarProperties {

  /** URL at which to reach Prometheus's API. */
  @Flag(name = "prometheus.url")
  @NotNull
  private URI prometheusUrl = URI.create("http://localhost:9090");

  /** Maximum time to wait for the Prometheus instance to start up. */
  @Flag(name = FlagNames.PROMETHEUS_READY_TIMEOUT)
  private Duration prometheusReadyTimeout = Duration.ofMinutes(10);

  /** How often to get Prometheus config. */
  @Flag(name = "prometheus.get_config_interval")
  private Duration getConfigInterval = Duration.ofSeconds(30);

  /** Timeout for getting Prometheus config. */
  @Flag(name = "prometheus.get_config_timeout")
  private Duration getConfigTimeout = Duration.ofSeconds(30);

  /** Data directory of TSDB. */
  @Flag(name = FlagNames.TSDB_PATH)
  private String tsdbPath = "./data";

  /** The bucket (objstore flag group). */
  @NestedConfigurationProperty
  @Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  /**
   * If true shipper will try to upload compacted blocks as well. Useful for migration purposes. Works only if
   * compaction is disabled on Prometheus. Do it once and then disable the flag when done.
   */
  @Flag(name = FlagNames.SHIPPER_UPLOAD_COMPACTED)
  private boolean shipperUploadCompacted = false;

  /** the file to store shipper metadata in */
  @Flag(name = "shipper.meta-file-name")
  private String shipperMetaFileName = "thanos.shipper.json";

  /**
   * Specify which hash function to use when calculating the hashes of produced files. If no function has been
   * specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance
   * cost. Possible values are: "", "SHA256".
   */
  @Flag(name = FlagNames.HASH_FUNC)
  private String hashFunc = "";

  /**
   * If true sidecar will not require prometheus min and max block size flags to be set to the same value. Only use
   * this if you want to keep long retention and compaction enabled on your Prometheus instance, as in the worst
   * case it can result in ~2h data loss for your Thanos bucket storage.
   */
  @Flag(name = "shipper.ignore-unequal-block-size")
  private boolean shipperIgnoreUnequalBlockSize = false;

  /** How often the shipper looks for new blocks (Thanos: every 30s; not a Thanos flag). */
  private Duration shipperSyncInterval = Duration.ofSeconds(30);

  public URI getPrometheusUrl() {
    return prometheusUrl;
  }

  public void setPrometheusUrl(URI prometheusUrl) {
    this.prometheusUrl = prometheusUrl;
  }

  public Duration getPrometheusReadyTimeout() {
    return prometheusReadyTimeout;
  }

  public void setPrometheusReadyTimeout(Duration prometheusReadyTimeout) {
    this.prometheusReadyTimeout = prometheusReadyTimeout;
  }

  public Duration getGetConfigInterval() {
    return getConfigInterval;
  }

  public void setGetConfigInterval(Duration getConfigInterval) {
    this.getConfigInterval = getConfigInterval;
  }

  public Duration getGetConfigTimeout() {
    return getConfigTimeout;
  }

  public void setGetConfigTimeout(Duration getConfigTimeout) {
    this.getConfigTimeout = getConfigTimeout;
  }

  public String getTsdbPath() {
    return tsdbPath;
  }

  public void setTsdbPath(String tsdbPath) {
    this.tsdbPath = tsdbPath;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  public boolean isShipperUploadCompacted() {
    return shipperUploadCompacted;
  }

  public void setShipperUploadCompacted(boolean shipperUploadCompacted) {
    this.shipperUploadCompacted = shipperUploadCompacted;
  }

  public String getShipperMetaFileName() {
    return shipperMetaFileName;
  }

  public void setShipperMetaFileName(String shipperMetaFileName) {
    this.shipperMetaFileName = shipperMetaFileName;
  }

  public String getHashFunc() {
    return hashFunc;
  }

  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }

  public boolean isShipperIgnoreUnequalBlockSize() {
    return shipperIgnoreUnequalBlockSize;
  }

  public void setShipperIgnoreUnequalBlockSize(boolean shipperIgnoreUnequalBlockSize) {
    this.shipperIgnoreUnequalBlockSize = shipperIgnoreUnequalBlockSize;
  }

  public Duration getShipperSyncInterval() {
    return shipperSyncInterval;
  }

  public void setShipperSyncInterval(Duration shipperSyncInterval) {
    this.shipperSyncInterval = shipperSyncInterval;
  }

  /** Validation hook: the hash function must be one Thanos knows. */
  @AssertTrue(message = "must be \"\" or \"SHA256\"")
  public boolean isHashFuncValid() {
    return hashFunc == null || hashFunc.isEmpty() || hashFunc.equals("SHA256");
  }

  /** Whether a bucket is configured (so blocks are shipped). */
  public boolean isShipping() {
    return objstore.isSet();
  }

  /** Validation hook: the sync interval is positive. */
  @AssertTrue(message = "thanos.sidecar.shipper-sync-interval must be positive")
  public boolean isShipperSyncIntervalValid() {
    return shipperSyncInterval != null && !shipperSyncInterval.isNegative() && !shipperSyncInterval.isZero();
  }
}
