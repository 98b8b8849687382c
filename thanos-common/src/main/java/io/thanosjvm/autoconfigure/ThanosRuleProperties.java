package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos rule}, under {@code thanos.rule.*}, with Thanos' names and defaults. Blocks are
 * shipped only when the objstore group is set. Each {@link Flag} field is the one declaration of its flag.
 */
@ConfigurationProperties("thanos.rule")
@Validated
public class ThanosRuleProperties {

  /** data directory */
  @Flag(name = FlagNames.DATA_DIR)
  private String dataDir = "data/";

  /** Rule files that should be used by rule manager. Can be in glob format (repeated). */
  @Flag(name = "rule-file")
  private List<String> ruleFile = new ArrayList<>(List.of("rules/"));

  /** The default evaluation interval to use. */
  @Flag(name = FlagNames.EVAL_INTERVAL)
  private Duration evalInterval = Duration.ofMinutes(1);

  /** The default rule group query_offset duration to use. */
  @Flag(name = "rule-query-offset", defaultText = "0s")
  private Duration ruleQueryOffset = Duration.ZERO;

  /** How many rules can be evaluated concurrently. Default is 1. */
  @Flag(name = "rule-concurrent-evaluation")
  private int ruleConcurrentEvaluation = 1;

  /**
   * Labels to be applied to all generated metrics (repeated). Similar to external labels for Prometheus, used to
   * identify ruler and its blocks as unique source.
   */
  @Flag(name = FlagNames.LABEL)
  private List<String> label = new ArrayList<>();

  /** Block duration for TSDB block. */
  @Flag(name = "tsdb.block-duration")
  private Duration tsdbBlockDuration = Duration.ofHours(2);

  /** Block retention time on local disk. */
  @Flag(name = FlagNames.TSDB_RETENTION, defaultText = "48h")
  private Duration tsdbRetention = Duration.ofHours(48);

  /** Compress the tsdb WAL. */
  @Flag(name = FlagNames.TSDB_WAL_COMPRESSION)
  private boolean tsdbWalCompression = true;

  /**
   * Addresses of statically configured query API servers (repeatable). The scheme may be prefixed with 'dns+' or
   * 'dnssrv+' to detect query API servers through respective DNS lookups.
   */
  @Flag(name = FlagNames.QUERY)
  private List<String> query = new ArrayList<>();

  /** HTTP method to use when sending queries. Possible options: [GET, POST] */
  @Flag(name = FlagNames.QUERY_HTTP_METHOD)
  private String queryHttpMethod = "POST";

  /** Path to YAML file that contains query API servers configuration. See format details. */
  @Flag(name = FlagNames.QUERY_CONFIG_FILE)
  private String queryConfigFile = "";

  /** Alternative to 'query.config-file' flag (mutually exclusive). Content of YAML file with query configuration. */
  @Flag(name = FlagNames.QUERY_CONFIG)
  private String queryConfig = "";

  /** Path to file that contains addresses of query API servers. The path can be a glob pattern (repeatable). */
  @Flag(name = "query.sd-files", notImplemented = true)
  private List<String> querySdFiles = new ArrayList<>();

  /** Addresses of statically configured query API servers (repeatable) that serve the gRPC Query API. */
  @Flag(name = "grpc-query-endpoint", notImplemented = true)
  private List<String> grpcQueryEndpoint = new ArrayList<>();

  /**
   * Alertmanager replica URLs to push firing alerts. Ruler claims success if push to at least one alertmanager
   * from discovered succeeds. The scheme should not be empty e.g `http` might be used. The scheme may be prefixed
   * with 'dns+' or 'dnssrv+' to detect Alertmanager IPs through respective DNS lookups. The port defaults to 9093
   * or the SRV record's value. The URL path is used as a prefix for the regular Alertmanager API path.
   */
  @Flag(name = FlagNames.ALERTMANAGERS_URL)
  private List<String> alertmanagersUrl = new ArrayList<>();

  /** Timeout for sending alerts to Alertmanager */
  @Flag(name = "alertmanagers.send-timeout")
  private Duration alertmanagersSendTimeout = Duration.ofSeconds(10);

  /** Path to YAML file that contains alerting configuration. See format details. */
  @Flag(name = FlagNames.ALERTMANAGERS_CONFIG_FILE)
  private String alertmanagersConfigFile = "";

  /** Alternative to 'alertmanagers.config-file' flag (mutually exclusive). Content of YAML alerting configuration. */
  @Flag(name = FlagNames.ALERTMANAGERS_CONFIG)
  private String alertmanagersConfig = "";

  /** The external Thanos Query URL that would be set in all alerts 'Source' field */
  @Flag(name = "alert.query-url")
  private String alertQueryUrl = "";

  /**
   * Template to use in alerts source field. Need only include {{.Expr}} parameter
   */
  @Flag(name = FlagNames.ALERT_QUERY_TEMPLATE)
  private String alertQueryTemplate = "/graph?g0.expr={{.Expr}}&g0.tab=1";

  /**
   * Labels by name to drop before sending to alertmanager. This allows alert to be deduplicated on replica label
   * (repeated). Similar Prometheus alert relabelling
   */
  @Flag(name = "alert.label-drop")
  private List<String> alertLabelDrop = new ArrayList<>();

  /** Path to YAML file that contains alert relabelling configuration. */
  @Flag(name = FlagNames.ALERT_RELABEL_CONFIG_FILE)
  private String alertRelabelConfigFile = "";

  /** Alternative to 'alert.relabel-config-file' flag (mutually exclusive). Content of YAML file with alert relabelling configuration. */
  @Flag(name = FlagNames.ALERT_RELABEL_CONFIG)
  private String alertRelabelConfig = "";

  /** Minimum amount of time to wait before resending an alert to Alertmanager. */
  @Flag(name = "resend-delay")
  private Duration resendDelay = Duration.ofMinutes(1);

  /** Max time to tolerate prometheus outage for restoring "for" state of alert. */
  @Flag(name = "for-outage-tolerance")
  private Duration forOutageTolerance = Duration.ofHours(1);

  /**
   * Minimum duration between alert and restored "for" state. This is maintained only for alerts with configured
   * "for" time greater than grace period.
   */
  @Flag(name = "for-grace-period")
  private Duration forGracePeriod = Duration.ofMinutes(10);

  /**
   * Path to YAML config for the remote-write configurations, that specify servers where samples should be sent to
   * (see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#remote_write). This automatically
   * enables stateless mode for ruler and no series will be stored in the ruler's TSDB.
   */
  @Flag(name = FlagNames.REMOTE_WRITE_CONFIG_FILE)
  private String remoteWriteConfigFile = "";

  /** Alternative to 'remote-write.config-file' flag (mutually exclusive). Content of YAML remote-write config. */
  @Flag(name = FlagNames.REMOTE_WRITE_CONFIG)
  private String remoteWriteConfig = "";

  /** The longest one rule query may take on one query server (not a Thanos flag). */
  private Duration queryTimeout = Duration.ofMinutes(2);

  /** The bucket (objstore flag group). */
  @NestedConfigurationProperty
  @Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  /**
   * Specify which hash function to use when calculating the hashes of produced files. If no function has been
   * specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance
   * cost. Possible values are: "", "SHA256".
   */
  @Flag(name = FlagNames.HASH_FUNC)
  private String hashFunc = "";

  /** Whether blocks are shipped to a bucket. */
  public boolean isShipping() {
    return objstore.isSet();
  }

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public List<String> getRuleFile() {
    return ruleFile;
  }

  public void setRuleFile(List<String> ruleFile) {
    this.ruleFile = ruleFile;
  }

  public Duration getEvalInterval() {
    return evalInterval;
  }

  public void setEvalInterval(Duration evalInterval) {
    this.evalInterval = evalInterval;
  }

  public Duration getRuleQueryOffset() {
    return ruleQueryOffset;
  }

  public void setRuleQueryOffset(Duration ruleQueryOffset) {
    this.ruleQueryOffset = ruleQueryOffset;
  }

  public int getRuleConcurrentEvaluation() {
    return ruleConcurrentEvaluation;
  }

  public void setRuleConcurrentEvaluation(int ruleConcurrentEvaluation) {
    this.ruleConcurrentEvaluation = ruleConcurrentEvaluation;
  }

  public List<String> getLabel() {
    return label;
  }

  public void setLabel(List<String> label) {
    this.label = label;
  }

  public Duration getTsdbBlockDuration() {
    return tsdbBlockDuration;
  }

  public void setTsdbBlockDuration(Duration tsdbBlockDuration) {
    this.tsdbBlockDuration = tsdbBlockDuration;
  }

  public Duration getTsdbRetention() {
    return tsdbRetention;
  }

  public void setTsdbRetention(Duration tsdbRetention) {
    this.tsdbRetention = tsdbRetention;
  }

  public boolean isTsdbWalCompression() {
    return tsdbWalCompression;
  }

  public void setTsdbWalCompression(boolean tsdbWalCompression) {
    this.tsdbWalCompression = tsdbWalCompression;
  }

  public List<String> getQuery() {
    return query;
  }

  public void setQuery(List<String> query) {
    this.query = query;
  }

  public String getQueryHttpMethod() {
    return queryHttpMethod;
  }

  public void setQueryHttpMethod(String queryHttpMethod) {
    this.queryHttpMethod = queryHttpMethod;
  }

  public String getQueryConfigFile() {
    return queryConfigFile;
  }

  public void setQueryConfigFile(String queryConfigFile) {
    this.queryConfigFile = queryConfigFile;
  }

  public String getQueryConfig() {
    return queryConfig;
  }

  public void setQueryConfig(String queryConfig) {
    this.queryConfig = queryConfig;
  }

  public List<String> getQuerySdFiles() {
    return querySdFiles;
  }

  public void setQuerySdFiles(List<String> querySdFiles) {
    this.querySdFiles = querySdFiles;
  }

  public List<String> getGrpcQueryEndpoint() {
    return grpcQueryEndpoint;
  }

  public void setGrpcQueryEndpoint(List<String> grpcQueryEndpoint) {
    this.grpcQueryEndpoint = grpcQueryEndpoint;
  }

  public List<String> getAlertmanagersUrl() {
    return alertmanagersUrl;
  }

  public void setAlertmanagersUrl(List<String> alertmanagersUrl) {
    this.alertmanagersUrl = alertmanagersUrl;
  }

  public Duration getAlertmanagersSendTimeout() {
    return alertmanagersSendTimeout;
  }

  public void setAlertmanagersSendTimeout(Duration alertmanagersSendTimeout) {
    this.alertmanagersSendTimeout = alertmanagersSendTimeout;
  }

  public String getAlertmanagersConfigFile() {
    return alertmanagersConfigFile;
  }

  public void setAlertmanagersConfigFile(String alertmanagersConfigFile) {
    this.alertmanagersConfigFile = alertmanagersConfigFile;
  }

  public String getAlertmanagersConfig() {
    return alertmanagersConfig;
  }

  public void setAlertmanagersConfig(String alertmanagersConfig) {
    this.alertmanagersConfig = alertmanagersConfig;
  }

  public String getAlertQueryUrl() {
    return alertQueryUrl;
  }

  public void setAlertQueryUrl(String alertQueryUrl) {
    this.alertQueryUrl = alertQueryUrl;
  }

  public String getAlertQueryTemplate() {
    return alertQueryTemplate;
  }

  public void setAlertQueryTemplate(String alertQueryTemplate) {
    this.alertQueryTemplate = alertQueryTemplate;
  }

  public List<String> getAlertLabelDrop() {
    return alertLabelDrop;
  }

  public void setAlertLabelDrop(List<String> alertLabelDrop) {
    this.alertLabelDrop = alertLabelDrop;
  }

  public String getAlertRelabelConfigFile() {
    return alertRelabelConfigFile;
  }

  public void setAlertRelabelConfigFile(String alertRelabelConfigFile) {
    this.alertRelabelConfigFile = alertRelabelConfigFile;
  }

  public String getAlertRelabelConfig() {
    return alertRelabelConfig;
  }

  public void setAlertRelabelConfig(String alertRelabelConfig) {
    this.alertRelabelConfig = alertRelabelConfig;
  }

  public Duration getResendDelay() {
    return resendDelay;
  }

  public void setResendDelay(Duration resendDelay) {
    this.resendDelay = resendDelay;
  }

  public Duration getForOutageTolerance() {
    return forOutageTolerance;
  }

  public void setForOutageTolerance(Duration forOutageTolerance) {
    this.forOutageTolerance = forOutageTolerance;
  }

  public Duration getForGracePeriod() {
    return forGracePeriod;
  }

  public void setForGracePeriod(Duration forGracePeriod) {
    this.forGracePeriod = forGracePeriod;
  }

  public String getRemoteWriteConfigFile() {
    return remoteWriteConfigFile;
  }

  public void setRemoteWriteConfigFile(String remoteWriteConfigFile) {
    this.remoteWriteConfigFile = remoteWriteConfigFile;
  }

  public String getRemoteWriteConfig() {
    return remoteWriteConfig;
  }

  public void setRemoteWriteConfig(String remoteWriteConfig) {
    this.remoteWriteConfig = remoteWriteConfig;
  }

  public Duration getQueryTimeout() {
    return queryTimeout;
  }

  public void setQueryTimeout(Duration queryTimeout) {
    this.queryTimeout = queryTimeout;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  public String getHashFunc() {
    return hashFunc;
  }

  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }
}
