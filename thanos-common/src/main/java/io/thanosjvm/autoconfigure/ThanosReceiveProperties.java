package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos receive}, under {@code thanos.receive.*}, with Thanos' flag names and defaults. Blocks
 * are shipped only when the objstore group is set. Each {@link Flag} field is the one declaration of its flag.
 */
@ConfigurationProperties("thanos.receive")
@Validated
public class ThanosReceiveProperties {

  /** Address to listen on for remote write requests. */
  @Flag(name = "remote-write.address")
  private String remoteWriteAddress = "0.0.0.0:19291";

  /** Location to store the tenants' TSDBs (one Prometheus data directory per tenant). */
  @Flag(name = FlagNames.TSDB_PATH)
  private String tsdbPath = "./data";

  /** External labels to announce. This flag will be removed in the future when handling multiple tsdb instances is added. Given as name="value", repeatable. */
  @Flag(name = FlagNames.LABEL)
  private List<String> labels = new ArrayList<>();

  /** How long to retain raw samples on local storage. 0d - disables the retention policy (i.e. infinite retention). Tenants idle for this long are flushed, shipped and closed when a bucket is configured. */
  @Flag(name = FlagNames.TSDB_RETENTION, defaultText = "15d")
  private Duration tsdbRetention = Duration.ofDays(15);

  /** Minimum duration of the local TSDB blocks (the head's block range). */
  @Flag(name = "tsdb.min-block-duration")
  private Duration tsdbMinBlockDuration = Duration.ofHours(2);

  /** Maximum duration of the local TSDB blocks (must equal the minimum: blocks are never compacted locally). */
  @Flag(name = "tsdb.max-block-duration")
  private Duration tsdbMaxBlockDuration = Duration.ofHours(2);

  /** Compress the tsdb WAL. */
  @Flag(name = FlagNames.TSDB_WAL_COMPRESSION)
  private boolean tsdbWalCompression = true;

  /** Configures the allowed time window for ingesting out-of-order samples. Disabled (0s) by default. */
  @Flag(name = "tsdb.out-of-order.time-window")
  private Duration tsdbOutOfOrderTimeWindow = Duration.ZERO;

  /** Configures the allowed time window for ingesting samples too far in the future. Disabled (0s) by default. */
  @Flag(name = "tsdb.too-far-in-future.time-window")
  private Duration tsdbTooFarInFutureTimeWindow = Duration.ZERO;

  /** Path to file that contains the hashring configuration. A watcher is initialized to watch changes and update the hashring dynamically. */
  @Flag(name = "receive.hashrings-file")
  private String hashringsFile = "";

  /** Alternative to 'receive.hashrings-file' flag (lower priority). Content of file that contains the hashring configuration. */
  @Flag(name = "receive.hashrings")
  private String hashrings = "";

  /** The algorithm used when distributing series in the hashrings. Must be one of hashmod, ketama. Will be overwritten by the tenant-specific algorithm in the hashring config. */
  @Flag(name = "receive.hashrings-algorithm")
  private String hashringsAlgorithm = "hashmod";

  /** Refresh interval to re-read the hashring configuration file. (used as a fallback) */
  @Flag(name = "receive.hashrings-file-refresh-interval")
  private Duration hashringsFileRefreshInterval = Duration.ofMinutes(5);

  /** Endpoint of local receive node. Used to identify the local node in the hashring configuration. If it's empty AND hashring configuration was provided, it means that receive will run in RoutingOnly mode. */
  @Flag(name = "receive.local-endpoint")
  private String localEndpoint = "";

  /** HTTP header to determine tenant for write requests. */
  @Flag(name = "receive.tenant-header")
  private String tenantHeader = "THANOS-TENANT";

  /** Default tenant ID to use when none is provided via a header. */
  @Flag(name = "receive.default-tenant-id")
  private String defaultTenantId = "default-tenant";

  /** Label name through which the tenant will be announced. */
  @Flag(name = "receive.tenant-label-name")
  private String tenantLabelName = "tenant_id";

  /** HTTP header specifying the replica number of a write request. */
  @Flag(name = "receive.replica-header")
  private String replicaHeader = "THANOS-REPLICA";

  /** How many times to replicate incoming write requests. */
  @Flag(name = "receive.replication-factor")
  private int replicationFactor = 1;

  /** Compression algorithm to use for gRPC requests to other receivers. Must be one of: snappy, none */
  @Flag(name = "receive.grpc-compression")
  private String grpcCompression = "snappy";

  /** Timeout for each forward request. */
  @Flag(name = "receive-forward-timeout")
  private Duration forwardTimeout = Duration.ofSeconds(5);

  /** Path to a file with the relabeling configuration applied to every series written. */
  @Flag(name = "receive.relabel-config-file")
  private String relabelConfigFile = "";

  /** Alternative to 'receive.relabel-config-file' flag (mutually exclusive). Content of YAML file with the relabeling configuration. */
  @Flag(name = "receive.relabel-config")
  private String relabelConfig = "";

  /** Path to file that contains the limit configuration. */
  @Flag(name = "receive.limits-config-file")
  private String limitsConfigFile = "";

  /** Alternative to 'receive.limits-config-file' flag (mutually exclusive). Content of YAML file that contains limit configuration. */
  @Flag(name = "receive.limits-config")
  private String limitsConfig = "";

  /** Specify which hash function to use when calculating the hashes of produced files. If no function has been specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance cost. Possible values are: "", "SHA256". */
  @Flag(name = FlagNames.HASH_FUNC)
  private String hashFunc = "";

  /** Number of goroutines to use when forwarding requests to other receive nodes. (Forwarding runs on gRPC's own threads here.) */
  @Flag(name = "receive.forward.async-workers")
  private int forwardAsyncWorkers = 5;

  /** The protocol to use for replicating remote-write requests. One of protobuf,capnproto */
  @Flag(name = "receive.replication-protocol")
  private String replicationProtocol = "protobuf";

  /** Address for the Cap'n Proto server. */
  @Flag(name = "receive.capnproto-address", notImplemented = true)
  private String capnprotoAddress = "0.0.0.0:19391";

  /** Set the certificate field to use for tenant identification. */
  @Flag(name = "receive.tenant-certificate-field", notImplemented = true)
  private String tenantCertificateField = "";

  /** Label name through which the request will be split into multiple tenants. */
  @Flag(name = "receive.split-tenant-label-name", notImplemented = true)
  private String splitTenantLabelName = "";

  /** Maximum number of bytes that can be stored for blocks. 0 means disabled. */
  @Flag(name = "tsdb.max-retention-bytes", notImplemented = true)
  private String tsdbMaxRetentionBytes = "0";

  /** Enables support for ingesting exemplars and sets the maximum number of exemplars that will be stored per tenant. */
  @Flag(name = "tsdb.max-exemplars", notImplemented = true)
  private String tsdbMaxExemplars = "0";

  /** TLS Certificate for HTTP server, leave blank to disable TLS. */
  @Flag(name = FlagNames.REMOTE_WRITE_SERVER_TLS_CERT)
  private String remoteWriteServerTlsCert = "";

  /** TLS Key for the HTTP server, leave blank to disable TLS. */
  @Flag(name = FlagNames.REMOTE_WRITE_SERVER_TLS_KEY)
  private String remoteWriteServerTlsKey = "";

  /** TLS CA to verify clients against (mutual TLS: clients must present a certificate it issued). */
  @Flag(name = FlagNames.REMOTE_WRITE_SERVER_TLS_CLIENT_CA)
  private String remoteWriteServerTlsClientCa = "";

  /** Largest remote-write body accepted after snappy decoding, in bytes (guards memory; not a Thanos flag). */
  private long maxDecodedRequestBytes = 64L << 20;

  /** Threads appending remote writes (a bounded pool, off the Netty event loops; not a Thanos flag). 0 = number of processors. */
  private int writeThreads = 0;

  /** Writes queued for those threads before answering 503 (not a Thanos flag). */
  private int writeQueue = 256;

  /** How often unshipped blocks are retried and idle tenants checked (not a Thanos flag). */
  private Duration maintenanceInterval = Duration.ofSeconds(30);

  /** The bucket (objstore flag group). */
  @NestedConfigurationProperty
  @Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  public String getRemoteWriteAddress() {
    return remoteWriteAddress;
  }

  public void setRemoteWriteAddress(String remoteWriteAddress) {
    this.remoteWriteAddress = remoteWriteAddress;
  }

  public String getTsdbPath() {
    return tsdbPath;
  }

  public void setTsdbPath(String tsdbPath) {
    this.tsdbPath = tsdbPath;
  }

  public List<String> getLabels() {
    return labels;
  }

  public void setLabels(List<String> labels) {
    this.labels = labels;
  }

  public Duration getTsdbRetention() {
    return tsdbRetention;
  }

  public void setTsdbRetention(Duration tsdbRetention) {
    this.tsdbRetention = tsdbRetention;
  }

  public Duration getTsdbMinBlockDuration() {
    return tsdbMinBlockDuration;
  }

  public void setTsdbMinBlockDuration(Duration tsdbMinBlockDuration) {
    this.tsdbMinBlockDuration = tsdbMinBlockDuration;
  }

  public Duration getTsdbMaxBlockDuration() {
    return tsdbMaxBlockDuration;
  }

  public void setTsdbMaxBlockDuration(Duration tsdbMaxBlockDuration) {
    this.tsdbMaxBlockDuration = tsdbMaxBlockDuration;
  }

  public boolean isTsdbWalCompression() {
    return tsdbWalCompression;
  }

  public void setTsdbWalCompression(boolean tsdbWalCompression) {
    this.tsdbWalCompression = tsdbWalCompression;
  }

  public Duration getTsdbOutOfOrderTimeWindow() {
    return tsdbOutOfOrderTimeWindow;
  }

  public void setTsdbOutOfOrderTimeWindow(Duration tsdbOutOfOrderTimeWindow) {
    this.tsdbOutOfOrderTimeWindow = tsdbOutOfOrderTimeWindow;
  }

  public Duration getTsdbTooFarInFutureTimeWindow() {
    return tsdbTooFarInFutureTimeWindow;
  }

  public void setTsdbTooFarInFutureTimeWindow(Duration tsdbTooFarInFutureTimeWindow) {
    this.tsdbTooFarInFutureTimeWindow = tsdbTooFarInFutureTimeWindow;
  }

  public String getHashringsFile() {
    return hashringsFile;
  }

  public void setHashringsFile(String hashringsFile) {
    this.hashringsFile = hashringsFile;
  }

  public String getHashrings() {
    return hashrings;
  }

  public void setHashrings(String hashrings) {
    this.hashrings = hashrings;
  }

  public String getHashringsAlgorithm() {
    return hashringsAlgorithm;
  }

  public void setHashringsAlgorithm(String hashringsAlgorithm) {
    this.hashringsAlgorithm = hashringsAlgorithm;
  }

  public Duration getHashringsFileRefreshInterval() {
    return hashringsFileRefreshInterval;
  }

  public void setHashringsFileRefreshInterval(Duration hashringsFileRefreshInterval) {
    this.hashringsFileRefreshInterval = hashringsFileRefreshInterval;
  }

  public String getLocalEndpoint() {
    return localEndpoint;
  }

  public void setLocalEndpoint(String localEndpoint) {
    this.localEndpoint = localEndpoint;
  }

  public String getTenantHeader() {
    return tenantHeader;
  }

  public void setTenantHeader(String tenantHeader) {
    this.tenantHeader = tenantHeader;
  }

  public String getDefaultTenantId() {
    return defaultTenantId;
  }

  public void setDefaultTenantId(String defaultTenantId) {
    this.defaultTenantId = defaultTenantId;
  }

  public String getTenantLabelName() {
    return tenantLabelName;
  }

  public void setTenantLabelName(String tenantLabelName) {
    this.tenantLabelName = tenantLabelName;
  }

  public String getReplicaHeader() {
    return replicaHeader;
  }

  public void setReplicaHeader(String replicaHeader) {
    this.replicaHeader = replicaHeader;
  }

  public int getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(int replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  public String getGrpcCompression() {
    return grpcCompression;
  }

  public void setGrpcCompression(String grpcCompression) {
    this.grpcCompression = grpcCompression;
  }

  public Duration getForwardTimeout() {
    return forwardTimeout;
  }

  public void setForwardTimeout(Duration forwardTimeout) {
    this.forwardTimeout = forwardTimeout;
  }

  public String getRelabelConfigFile() {
    return relabelConfigFile;
  }

  public void setRelabelConfigFile(String relabelConfigFile) {
    this.relabelConfigFile = relabelConfigFile;
  }

  public String getRelabelConfig() {
    return relabelConfig;
  }

  public void setRelabelConfig(String relabelConfig) {
    this.relabelConfig = relabelConfig;
  }

  public String getLimitsConfigFile() {
    return limitsConfigFile;
  }

  public void setLimitsConfigFile(String limitsConfigFile) {
    this.limitsConfigFile = limitsConfigFile;
  }

  public String getLimitsConfig() {
    return limitsConfig;
  }

  public void setLimitsConfig(String limitsConfig) {
    this.limitsConfig = limitsConfig;
  }

  public String getHashFunc() {
    return hashFunc;
  }

  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }

  public int getForwardAsyncWorkers() {
    return forwardAsyncWorkers;
  }

  public void setForwardAsyncWorkers(int forwardAsyncWorkers) {
    this.forwardAsyncWorkers = forwardAsyncWorkers;
  }

  public String getReplicationProtocol() {
    return replicationProtocol;
  }

  public void setReplicationProtocol(String replicationProtocol) {
    this.replicationProtocol = replicationProtocol;
  }

  public String getCapnprotoAddress() {
    return capnprotoAddress;
  }

  public void setCapnprotoAddress(String capnprotoAddress) {
    this.capnprotoAddress = capnprotoAddress;
  }

  public String getTenantCertificateField() {
    return tenantCertificateField;
  }

  public void setTenantCertificateField(String tenantCertificateField) {
    this.tenantCertificateField = tenantCertificateField;
  }

  public String getSplitTenantLabelName() {
    return splitTenantLabelName;
  }

  public void setSplitTenantLabelName(String splitTenantLabelName) {
    this.splitTenantLabelName = splitTenantLabelName;
  }

  public String getTsdbMaxRetentionBytes() {
    return tsdbMaxRetentionBytes;
  }

  public void setTsdbMaxRetentionBytes(String tsdbMaxRetentionBytes) {
    this.tsdbMaxRetentionBytes = tsdbMaxRetentionBytes;
  }

  public String getTsdbMaxExemplars() {
    return tsdbMaxExemplars;
  }

  public void setTsdbMaxExemplars(String tsdbMaxExemplars) {
    this.tsdbMaxExemplars = tsdbMaxExemplars;
  }

  public String getRemoteWriteServerTlsCert() {
    return remoteWriteServerTlsCert;
  }

  public void setRemoteWriteServerTlsCert(String remoteWriteServerTlsCert) {
    this.remoteWriteServerTlsCert = remoteWriteServerTlsCert;
  }

  public String getRemoteWriteServerTlsKey() {
    return remoteWriteServerTlsKey;
  }

  public void setRemoteWriteServerTlsKey(String remoteWriteServerTlsKey) {
    this.remoteWriteServerTlsKey = remoteWriteServerTlsKey;
  }

  public String getRemoteWriteServerTlsClientCa() {
    return remoteWriteServerTlsClientCa;
  }

  public void setRemoteWriteServerTlsClientCa(String remoteWriteServerTlsClientCa) {
    this.remoteWriteServerTlsClientCa = remoteWriteServerTlsClientCa;
  }

  public long getMaxDecodedRequestBytes() {
    return maxDecodedRequestBytes;
  }

  public void setMaxDecodedRequestBytes(long maxDecodedRequestBytes) {
    this.maxDecodedRequestBytes = maxDecodedRequestBytes;
  }

  public int getWriteThreads() {
    return writeThreads;
  }

  public void setWriteThreads(int writeThreads) {
    this.writeThreads = writeThreads;
  }

  public int getWriteQueue() {
    return writeQueue;
  }

  public void setWriteQueue(int writeQueue) {
    this.writeQueue = writeQueue;
  }

  public Duration getMaintenanceInterval() {
    return maintenanceInterval;
  }

  public void setMaintenanceInterval(Duration maintenanceInterval) {
    this.maintenanceInterval = maintenanceInterval;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  /** Validation hook: the hash function must be one Thanos knows. */
  @AssertTrue(message = "must be \"\" or \"SHA256\"")
  public boolean isHashFuncValid() {
    return hashFunc == null || hashFunc.isEmpty() || hashFunc.equals("SHA256");
  }

  /** Validation hook: at least one replica. */
  @AssertTrue(message = "thanos.receive: --" + FlagNames.REMOTE_WRITE_SERVER_TLS_CERT + " and --"
      + FlagNames.REMOTE_WRITE_SERVER_TLS_KEY + " go together, and --" + FlagNames.REMOTE_WRITE_SERVER_TLS_CLIENT_CA
      + " needs them")
  boolean isRemoteWriteTlsComplete() {
    boolean cert = !remoteWriteServerTlsCert.isEmpty();
    return cert == !remoteWriteServerTlsKey.isEmpty() && (cert || remoteWriteServerTlsClientCa.isEmpty());
  }

  @AssertTrue(message = "thanos.receive.replication-factor must be at least 1")
  public boolean isReplicationFactorValid() {
    return replicationFactor >= 1;
  }

  /** Validation hook: snappy or none. */
  @AssertTrue(message = "thanos.receive.grpc-compression must be snappy or none")
  public boolean isGrpcCompressionValid() {
    return "snappy".equals(grpcCompression) || "none".equals(grpcCompression);
  }

  /** Validation hook: only protobuf replication is implemented. */
  @AssertTrue(message = "thanos.receive.replication-protocol: only protobuf is implemented (capnproto is not)")
  public boolean isReplicationProtocolValid() {
    return "protobuf".equals(replicationProtocol);
  }

  /** Validation hook: blocks are never compacted locally, as in Thanos' receive. */
  @AssertTrue(message = "thanos.receive.tsdb-min-block-duration and tsdb-max-block-duration must be equal")
  public boolean isBlockDurationValid() {
    return tsdbMinBlockDuration != null && tsdbMinBlockDuration.equals(tsdbMaxBlockDuration)
        && !tsdbMinBlockDuration.isZero() && !tsdbMinBlockDuration.isNegative();
  }

  /** Validation hook: the file and inline variants exclude each other. */
  @AssertTrue(message = "thanos.receive: the relabel config file and inline content are exclusive, and so are the "
      + "limits config file and content")
  public boolean isExclusiveFilesValid() {
    return (relabelConfigFile.isEmpty() || relabelConfig.isEmpty())
        && (limitsConfigFile.isEmpty() || limitsConfig.isEmpty());
  }
}
