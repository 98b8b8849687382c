package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos query}, under {@code thanos.query.*}. Each {@link Flag} field is the one declaration of
 * its flag; bound here so that bad values fail at start-up.
 */
@ConfigurationProperties("thanos.query")
@Validated
public class ThanosQueryProperties {

  /** Address of a StoreAPI server (host:port, dns+host:port, dnssrv+name). Repeatable. */
  @Flag(name = "endpoint")
  private List<String> endpoints = new ArrayList<>();

  /** Labels to treat as replica indicators, removed when deduplicating. Repeatable or comma list. */
  @Flag(name = "query.replica-label", commaList = true)
  private List<String> replicaLabels = new ArrayList<>();

  /** How often DNS names among the endpoints (dns+, dnssrv+, dnssrvnoa+) are resolved again. */
  @Flag(name = "store.sd-dns-interval")
  private Duration storeSdDnsInterval = Duration.ofSeconds(30);

  /** Maximum time to process a query. */
  @Flag(name = "query.timeout")
  private Duration timeout = Duration.ofMinutes(2);

  /** Maximum number of queries processed concurrently. */
  @Flag(name = "query.max-concurrent")
  @Min(value = 1, message = "must be at least 1")
  private int maxConcurrent = 20;

  /** How far back to look for the latest sample of a series in an instant selector. */
  @Flag(name = "query.lookback-delta")
  private Duration lookbackDelta = Duration.ofMinutes(5);

  /** Enable partial response by default when the request does not set it. */
  @Flag(name = "query.partial-response")
  private boolean partialResponse = true;

  /** Enable automatic adjustment (step / 5) of max_source_resolution. */
  @Flag(name = "query.auto-downsampling")
  private boolean autoDownsampling = false;

  /** A store sending nothing for this long is aborted (0 disables). */
  @Flag(name = "store.response-timeout", defaultText = "0ms")
  private Duration storeResponseTimeout = Duration.ZERO;

  /**
   * default value for max_source_resolution for instant queries. If not set, defaults to 0s only taking raw
   * resolution into account. 1h can be a good value if you use instant queries over time ranges that incorporate
   * times outside of your raw-retention.
   */
  @Flag(name = "query.instant.default.max_source_resolution")
  private Duration instantDefaultMaxSourceResolution = Duration.ZERO;

  /** Allow for larger lookback duration for queries based on resolution. */
  @Flag(name = "query.dynamic-lookback-delta")
  private boolean dynamicLookbackDelta = true;

  /** How the querier dials its endpoints (gRPC client TLS flag group). */
  @NestedConfigurationProperty
  private final GrpcClientTlsProperties grpcClientTls = new GrpcClientTlsProperties();

  /** HTTP header to determine tenant. */
  @Flag(name = "query.tenant-header")
  @NotBlank(message = "must not be empty")
  private String tenantHeader = "THANOS-TENANT";

  /** Default tenant ID to use if tenant header is not present. */
  @Flag(name = "query.default-tenant-id")
  @NotBlank(message = "must not be empty")
  private String defaultTenantId = "default-tenant";

  /** Label name to use when enforcing tenancy (if --query.enforce-tenancy is enabled). */
  @Flag(name = "query.tenant-label-name")
  @NotBlank(message = "must not be empty")
  private String tenantLabelName = "tenant_id";

  /**
   * Enforce tenancy on Query APIs: responses only contain series whose tenant label (--query.tenant-label-name)
   * equals the request's tenant (--query.tenant-header, else --query.default-tenant-id).
   */
  @Flag(name = "query.enforce-tenancy")
  private boolean enforceTenancy = false;

  /**
   * Enable the admin API POST/PUT /api/v1/admin/tsdb/delete_series (Prometheus' flag): requests are recorded in the
   * bucket (--objstore.config), hidden from every answer at once and applied by the compactor. Off: the endpoint
   * answers "admin APIs disabled".
   */
  @Flag(name = io.thanosjvm.cli.FlagNames.WEB_ENABLE_ADMIN_API)
  private boolean enableAdminApi = false;

  /** How often the recorded deletion requests are read from the bucket (with --web.enable-admin-api). */
  @Flag(name = io.thanosjvm.cli.FlagNames.DELETION_REFRESH_INTERVAL)
  private Duration deletionRefreshInterval = Duration.ofMinutes(1);

  /** The bucket deletion requests are recorded in (objstore flag group; needed with --web.enable-admin-api). */
  @NestedConfigurationProperty
  @jakarta.validation.Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  public boolean isEnableAdminApi() {
    return enableAdminApi;
  }

  public void setEnableAdminApi(boolean enableAdminApi) {
    this.enableAdminApi = enableAdminApi;
  }

  public Duration getDeletionRefreshInterval() {
    return deletionRefreshInterval;
  }

  public void setDeletionRefreshInterval(Duration deletionRefreshInterval) {
    this.deletionRefreshInterval = deletionRefreshInterval;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  public List<String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }

  public List<String> getReplicaLabels() {
    return replicaLabels;
  }

  public void setReplicaLabels(List<String> replicaLabels) {
    this.replicaLabels = replicaLabels;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  public Duration getLookbackDelta() {
    return lookbackDelta;
  }

  public void setLookbackDelta(Duration lookbackDelta) {
    this.lookbackDelta = lookbackDelta;
  }

  public boolean isPartialResponse() {
    return partialResponse;
  }

  public void setPartialResponse(boolean partialResponse) {
    this.partialResponse = partialResponse;
  }

  public boolean isAutoDownsampling() {
    return autoDownsampling;
  }

  public void setAutoDownsampling(boolean autoDownsampling) {
    this.autoDownsampling = autoDownsampling;
  }

  public Duration getStoreResponseTimeout() {
    return storeResponseTimeout;
  }

  public void setStoreResponseTimeout(Duration storeResponseTimeout) {
    this.storeResponseTimeout = storeResponseTimeout;
  }

  public Duration getInstantDefaultMaxSourceResolution() {
    return instantDefaultMaxSourceResolution;
  }

  public void setInstantDefaultMaxSourceResolution(Duration instantDefaultMaxSourceResolution) {
    this.instantDefaultMaxSourceResolution = instantDefaultMaxSourceResolution;
  }

  public boolean isDynamicLookbackDelta() {
    return dynamicLookbackDelta;
  }

  public void setDynamicLookbackDelta(boolean dynamicLookbackDelta) {
    this.dynamicLookbackDelta = dynamicLookbackDelta;
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

  public boolean isEnforceTenancy() {
    return enforceTenancy;
  }

  public void setEnforceTenancy(boolean enforceTenancy) {
    this.enforceTenancy = enforceTenancy;
  }

  public GrpcClientTlsProperties getGrpcClientTls() {
    return grpcClientTls;
  }

  public Duration getStoreSdDnsInterval() {
    return storeSdDnsInterval;
  }

  public void setStoreSdDnsInterval(Duration storeSdDnsInterval) {
    this.storeSdDnsInterval = storeSdDnsInterval;
  }
}
