package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.queryfrontend.QueryRangeSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos query-frontend}, under {@code thanos.query-frontend.*}, with the {@code query-range.*} and
 * {@code labels.*} flag groups nested. Each {@link Flag} field is the one declaration of its flag; flags accepted
 * without effect say so.
 */
@ConfigurationProperties("thanos.query-frontend")
@Validated
public class ThanosQueryFrontendProperties {

  /** URL of the downstream Prometheus-compatible query API (a querier or Prometheus) requests are sent to. */
  @Flag(name = "query-frontend.downstream-url")
  private String downstreamUrl = "http://localhost:9090";

  /** Request headers copied to the downstream; all others are dropped. Repeatable. */
  @Flag(name = "query-frontend.forward-header")
  private List<String> forwardHeaders = new ArrayList<>();

  /**
   * Request headers whose first present value names the tenant (part of the results cache key; deprecated in
   * Thanos). Repeatable.
   */
  @Flag(name = "query-frontend.org-id-header")
  private List<String> orgIdHeaders = new ArrayList<>();

  /** Compress HTTP responses (gzip) when the client accepts it. */
  @Flag(name = "query-frontend.compress-responses")
  private boolean compressResponses = false;

  /** Log queries slower than this (range and instant); 0 disables, a negative value logs every query. */
  @Flag(name = "query-frontend.log-queries-longer-than", defaultText = "0")
  private Duration logQueriesLongerThan = Duration.ZERO;

  /**
   * Path to the downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is
   * used.
   */
  @Flag(name = "query-frontend.downstream-tripper-config-file")
  private String downstreamTripperConfigFile = "";

  /** Inline downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is used. */
  @Flag(name = "query-frontend.downstream-tripper-config")
  private String downstreamTripperConfig = "";

  /** Maximum attempts of an instant query when the downstream answers 5xx or not at all; 0 means one attempt. */
  @Flag(name = "query.max-retries-per-request")
  private int queryMaxRetriesPerRequest = 5;

  /**
   * Number of shards shardable PromQL range queries are split into by series (vertical query sharding, Thanos'
   * rules for which queries shard and by which labels); 0 or 1 disables it.
   */
  @Flag(name = "query-frontend.vertical-shards")
  private int verticalShards = 0;

  /** Compression of cached values ("" or snappy). Accepted without effect: values are stored uncompressed. */
  @Flag(name = "cache-compression-type")
  private String cacheCompressionType = "";

  /** The range query pipeline. */
  @Valid
  private final QueryRange queryRange = new QueryRange();

  /** Label and series requests. */
  @Valid
  private final Labels labels = new Labels();

  public String getDownstreamUrl() {
    return downstreamUrl;
  }

  public void setDownstreamUrl(String downstreamUrl) {
    this.downstreamUrl = downstreamUrl;
  }

  public List<String> getForwardHeaders() {
    return forwardHeaders;
  }

  public void setForwardHeaders(List<String> forwardHeaders) {
    this.forwardHeaders = forwardHeaders;
  }

  public List<String> getOrgIdHeaders() {
    return orgIdHeaders;
  }

  public void setOrgIdHeaders(List<String> orgIdHeaders) {
    this.orgIdHeaders = orgIdHeaders;
  }

  public boolean isCompressResponses() {
    return compressResponses;
  }

  public void setCompressResponses(boolean compressResponses) {
    this.compressResponses = compressResponses;
  }

  public Duration getLogQueriesLongerThan() {
    return logQueriesLongerThan;
  }

  public void setLogQueriesLongerThan(Duration logQueriesLongerThan) {
    this.logQueriesLongerThan = logQueriesLongerThan;
  }

  public String getDownstreamTripperConfigFile() {
    return downstreamTripperConfigFile;
  }

  public void setDownstreamTripperConfigFile(String downstreamTripperConfigFile) {
    this.downstreamTripperConfigFile = downstreamTripperConfigFile;
  }

  public String getDownstreamTripperConfig() {
    return downstreamTripperConfig;
  }

  public void setDownstreamTripperConfig(String downstreamTripperConfig) {
    this.downstreamTripperConfig = downstreamTripperConfig;
  }

  public int getVerticalShards() {
    return verticalShards;
  }

  public void setVerticalShards(int verticalShards) {
    this.verticalShards = verticalShards;
  }

  /** Validation hook: the number of vertical shards is not negative. */
  @AssertTrue(message = "thanos.query-frontend.vertical-shards must not be negative")
  public boolean isVerticalShardsValid() {
    return verticalShards >= 0;
  }

  public int getQueryMaxRetriesPerRequest() {
    return queryMaxRetriesPerRequest;
  }

  public void setQueryMaxRetriesPerRequest(int queryMaxRetriesPerRequest) {
    this.queryMaxRetriesPerRequest = queryMaxRetriesPerRequest;
  }

  public String getCacheCompressionType() {
    return cacheCompressionType;
  }

  public void setCacheCompressionType(String cacheCompressionType) {
    this.cacheCompressionType = cacheCompressionType;
  }

  public QueryRange getQueryRange() {
    return queryRange;
  }

  public Labels getLabels() {
    return labels;
  }

  /** Validation hook: the downstream URL is an absolute http(s) URL. */
  @AssertTrue(message = "thanos.query-frontend.downstream-url must be an http:// or https:// URL with a host, "
      + "e.g. http://localhost:9090")
  public boolean isDownstreamUrlValid() {
    try {
      URI u = URI.create(downstreamUrl);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Validation hook: at most one of the cache configuration file and inline YAML. */
  @AssertTrue(message = "thanos.query-frontend.query-range.response-cache-config-file and "
      + "thanos.query-frontend.query-range.response-cache-config are mutually exclusive")
  public boolean isResponseCacheConfigUnambiguous() {
    return queryRange.responseCacheConfigFile.isEmpty() || queryRange.responseCacheConfig.isEmpty();
  }

  /** Validation hook: at most one of the labels cache configuration file and inline YAML. */
  @AssertTrue(message = "thanos.query-frontend.labels.response-cache-config-file and "
      + "thanos.query-frontend.labels.response-cache-config are mutually exclusive")
  public boolean isLabelsResponseCacheConfigUnambiguous() {
    return labels.responseCacheConfigFile.isEmpty() || labels.responseCacheConfig.isEmpty();
  }

  /** Validation hook: the labels pipeline's interval, freshness and parallelism are usable. */
  @AssertTrue(message = "thanos.query-frontend.labels: split interval, cache freshness and default time range must "
      + "not be negative and max query parallelism must be at least 1")
  public boolean isLabelsSettingsValid() {
    return !labels.splitInterval.isNegative() && !labels.responseCacheMaxFreshness.isNegative()
        && !labels.defaultTimeRange.isNegative() && labels.maxQueryParallelism >= 1;
  }

  /** Validation hook: the range pipeline's settings are valid and retries are not negative. */
  @AssertTrue(message = "thanos.query-frontend: split interval, max query length and cache freshness must not be "
      + "negative, retries must not be negative and max query parallelism must be at least 1")
  public boolean isQueryRangeSettingsValid() {
    try {
      queryRangeSettings();
      return queryMaxRetriesPerRequest >= 0 && labels.maxRetriesPerRequest >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The range pipeline's settings, derived from the {@code query-range} group by {@link SettingsMapper}. */
  public QueryRangeSettings queryRangeSettings() {
    return SettingsMapper.map(queryRange, QueryRangeSettings.class, "thanos.query-frontend.query-range");
  }

  /** The {@code --query-range.*} flag group; fields are named as the components of {@link QueryRangeSettings}. */
  public static class QueryRange {
    /**
     * Split range queries by this interval (aligned to its multiples, day boundaries for 24h) and run them in
     * parallel; 0 disables splitting.
     */
    @Flag(name = "query-range.split-interval", defaultText = "24h")
    private Duration splitInterval = Duration.ofHours(24);

    /**
     * Dynamic split: minimum split interval. Accepted without effect: only the fixed split interval is
     * implemented.
     */
    @Flag(name = "query-range.min-split-interval", defaultText = "0")
    private Duration minSplitInterval = Duration.ZERO;

    /**
     * Dynamic split: maximum split interval. Accepted without effect: only the fixed split interval is
     * implemented.
     */
    @Flag(name = "query-range.max-split-interval", defaultText = "0")
    private Duration maxSplitInterval = Duration.ZERO;

    /**
     * Dynamic split: number of horizontal shards. Accepted without effect: only the fixed split interval is
     * implemented.
     */
    @Flag(name = "query-range.horizontal-shards")
    private int horizontalShards = 0;

    /**
     * Maximum attempts of a range (sub-)query when the downstream answers 5xx or not at all (jittered backoff
     * 200ms to 2s); 0 means one attempt.
     */
    @Flag(name = "query-range.max-retries-per-request")
    private int maxRetries = 5;

    /** Refuse range queries longer than this with bad_data; 0 disables the limit. */
    @Flag(name = "query-range.max-query-length", defaultText = "0")
    private Duration maxQueryLength = Duration.ZERO;

    /** Maximum sub-queries of one range query sent downstream at once. */
    @Flag(name = "query-range.max-query-parallelism")
    private int maxQueryParallelism = 14;

    /** Results newer than now minus this are never cached (the most recent data may still change). */
    @Flag(name = "query-range.response-cache-max-freshness")
    private Duration responseCacheMaxFreshness = Duration.ofMinutes(1);

    /** Default of partial_response for range queries that do not set it (part of the cache key). */
    @Flag(name = "query-range.partial-response")
    private boolean partialResponse = true;

    /** Round range query start and end down to multiples of the step, so shifted ranges reuse cached results. */
    @Flag(name = "query-range.align-range-with-step")
    private boolean alignRangeWithStep = true;

    /** Retry empty max_source_resolution=auto results with coarser resolutions. Accepted without effect for now. */
    @Flag(name = "query-range.request-downsampled")
    private boolean requestDownsampled = true;

    /**
     * Path to the YAML of the range results cache (type IN-MEMORY, MEMCACHED or REDIS and config); no cache when
     * empty.
     */
    @Flag(name = "query-range.response-cache-config-file")
    private String responseCacheConfigFile = "";

    /** Inline YAML of the range results cache (alternative to the file). */
    @Flag(name = "query-range.response-cache-config")
    private String responseCacheConfig = "";

    public Duration getSplitInterval() {
      return splitInterval;
    }

    public void setSplitInterval(Duration splitInterval) {
      this.splitInterval = splitInterval;
    }

    public Duration getMinSplitInterval() {
      return minSplitInterval;
    }

    public void setMinSplitInterval(Duration minSplitInterval) {
      this.minSplitInterval = minSplitInterval;
    }

    public Duration getMaxSplitInterval() {
      return maxSplitInterval;
    }

    public void setMaxSplitInterval(Duration maxSplitInterval) {
      this.maxSplitInterval = maxSplitInterval;
    }

    public int getHorizontalShards() {
      return horizontalShards;
    }

    public void setHorizontalShards(int horizontalShards) {
      this.horizontalShards = horizontalShards;
    }

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public Duration getMaxQueryLength() {
      return maxQueryLength;
    }

    public void setMaxQueryLength(Duration maxQueryLength) {
      this.maxQueryLength = maxQueryLength;
    }

    public int getMaxQueryParallelism() {
      return maxQueryParallelism;
    }

    public void setMaxQueryParallelism(int maxQueryParallelism) {
      this.maxQueryParallelism = maxQueryParallelism;
    }

    public Duration getResponseCacheMaxFreshness() {
      return responseCacheMaxFreshness;
    }

    public void setResponseCacheMaxFreshness(Duration responseCacheMaxFreshness) {
      this.responseCacheMaxFreshness = responseCacheMaxFreshness;
    }

    public boolean isPartialResponse() {
      return partialResponse;
    }

    public void setPartialResponse(boolean partialResponse) {
      this.partialResponse = partialResponse;
    }

    public boolean isAlignRangeWithStep() {
      return alignRangeWithStep;
    }

    public void setAlignRangeWithStep(boolean alignRangeWithStep) {
      this.alignRangeWithStep = alignRangeWithStep;
    }

    public boolean isRequestDownsampled() {
      return requestDownsampled;
    }

    public void setRequestDownsampled(boolean requestDownsampled) {
      this.requestDownsampled = requestDownsampled;
    }

    public String getResponseCacheConfigFile() {
      return responseCacheConfigFile;
    }

    public void setResponseCacheConfigFile(String responseCacheConfigFile) {
      this.responseCacheConfigFile = responseCacheConfigFile;
    }

    public String getResponseCacheConfig() {
      return responseCacheConfig;
    }

    public void setResponseCacheConfig(String responseCacheConfig) {
      this.responseCacheConfig = responseCacheConfig;
    }
  }

  /** The {@code --labels.*} flag group (label and series requests). */
  public static class Labels {
    /**
     * Split label and series requests by this interval (parts end 1ms before each multiple of it) and merge the
     * answers; 0 disables splitting.
     */
    @Flag(name = "labels.split-interval", defaultText = "24h")
    private Duration splitInterval = Duration.ofHours(24);

    /**
     * Maximum attempts of label and series requests when the downstream answers 5xx or not at all; 0 means one
     * attempt.
     */
    @Flag(name = "labels.max-retries-per-request")
    private int maxRetriesPerRequest = 5;

    /** Maximum parts of one split label or series request sent downstream at once. */
    @Flag(name = "labels.max-query-parallelism")
    private int maxQueryParallelism = 14;

    /** Parts of label and series requests ending after now minus this are never cached. */
    @Flag(name = "labels.response-cache-max-freshness")
    private Duration responseCacheMaxFreshness = Duration.ofMinutes(1);

    /** Default partial_response of label and series requests that do not set it. */
    @Flag(name = "labels.partial-response")
    private boolean partialResponse = true;

    /**
     * Time range (ending now) of label and series requests without start or end; 0 means all time (such requests
     * are then not split).
     */
    @Flag(name = "labels.default-time-range", defaultText = "24h")
    private Duration defaultTimeRange = Duration.ofHours(24);

    /**
     * Path to the YAML of the labels/series results cache (type IN-MEMORY, MEMCACHED or REDIS and config, as the
     * range cache); no cache when empty.
     */
    @Flag(name = "labels.response-cache-config-file")
    private String responseCacheConfigFile = "";

    /** Inline YAML of the labels/series results cache (alternative to the file). */
    @Flag(name = "labels.response-cache-config")
    private String responseCacheConfig = "";

    public Duration getSplitInterval() {
      return splitInterval;
    }

    public void setSplitInterval(Duration splitInterval) {
      this.splitInterval = splitInterval;
    }

    public int getMaxRetriesPerRequest() {
      return maxRetriesPerRequest;
    }

    public void setMaxRetriesPerRequest(int maxRetriesPerRequest) {
      this.maxRetriesPerRequest = maxRetriesPerRequest;
    }

    public int getMaxQueryParallelism() {
      return maxQueryParallelism;
    }

    public void setMaxQueryParallelism(int maxQueryParallelism) {
      this.maxQueryParallelism = maxQueryParallelism;
    }

    public Duration getResponseCacheMaxFreshness() {
      return responseCacheMaxFreshness;
    }

    public void setResponseCacheMaxFreshness(Duration responseCacheMaxFreshness) {
      this.responseCacheMaxFreshness = responseCacheMaxFreshness;
    }

    public boolean isPartialResponse() {
      return partialResponse;
    }

    public void setPartialResponse(boolean partialResponse) {
      this.partialResponse = partialResponse;
    }

    public Duration getDefaultTimeRange() {
      return defaultTimeRange;
    }

    public void setDefaultTimeRange(Duration defaultTimeRange) {
      this.defaultTimeRange = defaultTimeRange;
    }

    public String getResponseCacheConfigFile() {
      return responseCacheConfigFile;
    }

    public void setResponseCacheConfigFile(String responseCacheConfigFile) {
      this.responseCacheConfigFile = responseCacheConfigFile;
    }

    public String getResponseCacheConfig() {
      return responseCacheConfig;
    }

    public void setResponseCacheConfig(String responseCacheConfig) {
      this.responseCacheConfig = responseCacheConfig;
    }
  }
}
