package io.thanosjvm.autoconfigure;

import io.thanosjvm.queryfrontend.QueryRangeSettings;
import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos query-frontend}, under {@code thanos.query-frontend.*}; each maps to the Thanos flag
 * named in its description through the flag table. Flags accepted without effect say so.
 */
@ConfigurationProperties("thanos.query-frontend")
@Validated
public class ThanosQueryFrontendProperties {

  /** URL of the downstream Prometheus-compatible query API (a querier or Prometheus) requests are sent to. Flag {@code --query-frontend.downstream-url}. */
  private String downstreamUrl = "http://localhost:9090";

  /** Request headers copied to the downstream; all others are dropped. Repeatable. Flag {@code --query-frontend.forward-header}. */
  private List<String> forwardHeaders = new ArrayList<>();

  /** Request headers whose first present value names the tenant (part of the results cache key; deprecated in Thanos). Repeatable. Flag {@code --query-frontend.org-id-header}. */
  private List<String> orgIdHeaders = new ArrayList<>();

  /** Compress HTTP responses (gzip) when the client accepts it. Flag {@code --query-frontend.compress-responses}. */
  private boolean compressResponses = false;

  /** Log queries slower than this (range and instant); 0 disables, a negative value logs every query. Flag {@code --query-frontend.log-queries-longer-than}. */
  private Duration logQueriesLongerThan = Duration.ZERO;

  /** Path to the downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is used. Flag {@code --query-frontend.downstream-tripper-config-file}. */
  private String downstreamTripperConfigFile = "";

  /** Inline downstream HTTP transport YAML. Accepted without effect: the JDK HTTP client with its defaults is used. Flag {@code --query-frontend.downstream-tripper-config}. */
  private String downstreamTripperConfig = "";

  /** Split range queries by this interval (aligned to its multiples, day boundaries for 24h) and run them in parallel; 0 disables splitting. Flag {@code --query-range.split-interval}. */
  private Duration queryRangeSplitInterval = Duration.ofHours(24);

  /** Dynamic split: minimum split interval. Accepted without effect: only the fixed split interval is implemented. Flag {@code --query-range.min-split-interval}. */
  private Duration queryRangeMinSplitInterval = Duration.ZERO;

  /** Dynamic split: maximum split interval. Accepted without effect: only the fixed split interval is implemented. Flag {@code --query-range.max-split-interval}. */
  private Duration queryRangeMaxSplitInterval = Duration.ZERO;

  /** Dynamic split: number of horizontal shards. Accepted without effect: only the fixed split interval is implemented. Flag {@code --query-range.horizontal-shards}. */
  private int queryRangeHorizontalShards = 0;

  /** Maximum attempts of a range (sub-)query when the downstream answers 5xx or not at all (jittered backoff 200ms to 2s); 0 means one attempt. Flag {@code --query-range.max-retries-per-request}. */
  private int queryRangeMaxRetriesPerRequest = 5;

  /** Maximum attempts of an instant query when the downstream answers 5xx or not at all; 0 means one attempt. Flag {@code --query.max-retries-per-request}. */
  private int queryMaxRetriesPerRequest = 5;

  /** Refuse range queries longer than this with bad_data; 0 disables the limit. Flag {@code --query-range.max-query-length}. */
  private Duration queryRangeMaxQueryLength = Duration.ZERO;

  /** Maximum sub-queries of one range query sent downstream at once. Flag {@code --query-range.max-query-parallelism}. */
  private int queryRangeMaxQueryParallelism = 14;

  /** Results newer than now minus this are never cached (the most recent data may still change). Flag {@code --query-range.response-cache-max-freshness}. */
  private Duration queryRangeResponseCacheMaxFreshness = Duration.ofMinutes(1);

  /** Default of partial_response for range queries that do not set it (part of the cache key). Flag {@code --query-range.partial-response}. */
  private boolean queryRangePartialResponse = true;

  /** Round range query start and end down to multiples of the step, so shifted ranges reuse cached results. Flag {@code --query-range.align-range-with-step}. */
  private boolean queryRangeAlignRangeWithStep = true;

  /** Retry empty max_source_resolution=auto results with coarser resolutions. Accepted without effect for now. Flag {@code --query-range.request-downsampled}. */
  private boolean queryRangeRequestDownsampled = true;

  /** Path to the YAML of the range results cache (type IN-MEMORY, MEMCACHED or REDIS and config); no cache when empty. Flag {@code --query-range.response-cache-config-file}. */
  private String queryRangeResponseCacheConfigFile = "";

  /** Inline YAML of the range results cache (alternative to the file). Flag {@code --query-range.response-cache-config}. */
  private String queryRangeResponseCacheConfig = "";

  /** Compression of cached values ("" or snappy). Accepted without effect: values are stored uncompressed. Flag {@code --cache-compression-type}. */
  private String cacheCompressionType = "";

  /** Split interval of label and series requests. Accepted without effect: labels and series are proxied unsplit. Flag {@code --labels.split-interval}. */
  private Duration labelsSplitInterval = Duration.ofHours(24);

  /** Maximum attempts of label and series requests when the downstream answers 5xx or not at all; 0 means one attempt. Flag {@code --labels.max-retries-per-request}. */
  private int labelsMaxRetriesPerRequest = 5;

  /** Parallelism of split label and series requests. Accepted without effect: they are not split. Flag {@code --labels.max-query-parallelism}. */
  private int labelsMaxQueryParallelism = 14;

  /** Freshness window of cached label and series results. Accepted without effect: they are not cached. Flag {@code --labels.response-cache-max-freshness}. */
  private Duration labelsResponseCacheMaxFreshness = Duration.ofMinutes(1);

  /** Default partial_response of label and series requests. Accepted without effect: requests are forwarded as sent. Flag {@code --labels.partial-response}. */
  private boolean labelsPartialResponse = true;

  /** Time range of label and series requests without start/end. Accepted without effect: requests are forwarded as sent. Flag {@code --labels.default-time-range}. */
  private Duration labelsDefaultTimeRange = Duration.ofHours(24);

  /** Path to the YAML of the labels/series results cache. Accepted without effect: they are not cached. Flag {@code --labels.response-cache-config-file}. */
  private String labelsResponseCacheConfigFile = "";

  /** Inline YAML of the labels/series results cache. Accepted without effect: they are not cached. Flag {@code --labels.response-cache-config}. */
  private String labelsResponseCacheConfig = "";

  /** Returns: uRL of the downstream Prometheus-compatible query API (a querier or Prometheus) requests are sent to. */
  public String getDownstreamUrl() {
    return downstreamUrl;
  }

  /** Sets: uRL of the downstream Prometheus-compatible query API (a querier or Prometheus) requests are sent to. */
  public void setDownstreamUrl(String downstreamUrl) {
    this.downstreamUrl = downstreamUrl;
  }

  /** Returns: request headers copied to the downstream; all others are dropped. */
  public List<String> getForwardHeaders() {
    return forwardHeaders;
  }

  /** Sets: request headers copied to the downstream; all others are dropped. */
  public void setForwardHeaders(List<String> forwardHeaders) {
    this.forwardHeaders = forwardHeaders;
  }

  /** Returns: request headers whose first present value names the tenant (part of the results cache key; deprecated in Thanos). */
  public List<String> getOrgIdHeaders() {
    return orgIdHeaders;
  }

  /** Sets: request headers whose first present value names the tenant (part of the results cache key; deprecated in Thanos). */
  public void setOrgIdHeaders(List<String> orgIdHeaders) {
    this.orgIdHeaders = orgIdHeaders;
  }

  /** Returns: compress HTTP responses (gzip) when the client accepts it. */
  public boolean isCompressResponses() {
    return compressResponses;
  }

  /** Sets: compress HTTP responses (gzip) when the client accepts it. */
  public void setCompressResponses(boolean compressResponses) {
    this.compressResponses = compressResponses;
  }

  /** Returns: log queries slower than this (range and instant); 0 disables, a negative value logs every query. */
  public Duration getLogQueriesLongerThan() {
    return logQueriesLongerThan;
  }

  /** Sets: log queries slower than this (range and instant); 0 disables, a negative value logs every query. */
  public void setLogQueriesLongerThan(Duration logQueriesLongerThan) {
    this.logQueriesLongerThan = logQueriesLongerThan;
  }

  /** Returns: path to the downstream HTTP transport YAML. */
  public String getDownstreamTripperConfigFile() {
    return downstreamTripperConfigFile;
  }

  /** Sets: path to the downstream HTTP transport YAML. */
  public void setDownstreamTripperConfigFile(String downstreamTripperConfigFile) {
    this.downstreamTripperConfigFile = downstreamTripperConfigFile;
  }

  /** Returns: inline downstream HTTP transport YAML. */
  public String getDownstreamTripperConfig() {
    return downstreamTripperConfig;
  }

  /** Sets: inline downstream HTTP transport YAML. */
  public void setDownstreamTripperConfig(String downstreamTripperConfig) {
    this.downstreamTripperConfig = downstreamTripperConfig;
  }

  /** Returns: split range queries by this interval (aligned to its multiples, day boundaries for 24h) and run them in parallel; 0 disables splitting. */
  public Duration getQueryRangeSplitInterval() {
    return queryRangeSplitInterval;
  }

  /** Sets: split range queries by this interval (aligned to its multiples, day boundaries for 24h) and run them in parallel; 0 disables splitting. */
  public void setQueryRangeSplitInterval(Duration queryRangeSplitInterval) {
    this.queryRangeSplitInterval = queryRangeSplitInterval;
  }

  /** Returns: dynamic split: minimum split interval. */
  public Duration getQueryRangeMinSplitInterval() {
    return queryRangeMinSplitInterval;
  }

  /** Sets: dynamic split: minimum split interval. */
  public void setQueryRangeMinSplitInterval(Duration queryRangeMinSplitInterval) {
    this.queryRangeMinSplitInterval = queryRangeMinSplitInterval;
  }

  /** Returns: dynamic split: maximum split interval. */
  public Duration getQueryRangeMaxSplitInterval() {
    return queryRangeMaxSplitInterval;
  }

  /** Sets: dynamic split: maximum split interval. */
  public void setQueryRangeMaxSplitInterval(Duration queryRangeMaxSplitInterval) {
    this.queryRangeMaxSplitInterval = queryRangeMaxSplitInterval;
  }

  /** Returns: dynamic split: number of horizontal shards. */
  public int getQueryRangeHorizontalShards() {
    return queryRangeHorizontalShards;
  }

  /** Sets: dynamic split: number of horizontal shards. */
  public void setQueryRangeHorizontalShards(int queryRangeHorizontalShards) {
    this.queryRangeHorizontalShards = queryRangeHorizontalShards;
  }

  /** Returns: maximum attempts of a range (sub-)query when the downstream answers 5xx or not at all (jittered backoff 200ms to 2s); 0 means one attempt. */
  public int getQueryRangeMaxRetriesPerRequest() {
    return queryRangeMaxRetriesPerRequest;
  }

  /** Sets: maximum attempts of a range (sub-)query when the downstream answers 5xx or not at all (jittered backoff 200ms to 2s); 0 means one attempt. */
  public void setQueryRangeMaxRetriesPerRequest(int queryRangeMaxRetriesPerRequest) {
    this.queryRangeMaxRetriesPerRequest = queryRangeMaxRetriesPerRequest;
  }

  /** Returns: maximum attempts of an instant query when the downstream answers 5xx or not at all; 0 means one attempt. */
  public int getQueryMaxRetriesPerRequest() {
    return queryMaxRetriesPerRequest;
  }

  /** Sets: maximum attempts of an instant query when the downstream answers 5xx or not at all; 0 means one attempt. */
  public void setQueryMaxRetriesPerRequest(int queryMaxRetriesPerRequest) {
    this.queryMaxRetriesPerRequest = queryMaxRetriesPerRequest;
  }

  /** Returns: refuse range queries longer than this with bad_data; 0 disables the limit. */
  public Duration getQueryRangeMaxQueryLength() {
    return queryRangeMaxQueryLength;
  }

  /** Sets: refuse range queries longer than this with bad_data; 0 disables the limit. */
  public void setQueryRangeMaxQueryLength(Duration queryRangeMaxQueryLength) {
    this.queryRangeMaxQueryLength = queryRangeMaxQueryLength;
  }

  /** Returns: maximum sub-queries of one range query sent downstream at once. */
  public int getQueryRangeMaxQueryParallelism() {
    return queryRangeMaxQueryParallelism;
  }

  /** Sets: maximum sub-queries of one range query sent downstream at once. */
  public void setQueryRangeMaxQueryParallelism(int queryRangeMaxQueryParallelism) {
    this.queryRangeMaxQueryParallelism = queryRangeMaxQueryParallelism;
  }

  /** Returns: results newer than now minus this are never cached (the most recent data may still change). */
  public Duration getQueryRangeResponseCacheMaxFreshness() {
    return queryRangeResponseCacheMaxFreshness;
  }

  /** Sets: results newer than now minus this are never cached (the most recent data may still change). */
  public void setQueryRangeResponseCacheMaxFreshness(Duration queryRangeResponseCacheMaxFreshness) {
    this.queryRangeResponseCacheMaxFreshness = queryRangeResponseCacheMaxFreshness;
  }

  /** Returns: default of partial_response for range queries that do not set it (part of the cache key). */
  public boolean isQueryRangePartialResponse() {
    return queryRangePartialResponse;
  }

  /** Sets: default of partial_response for range queries that do not set it (part of the cache key). */
  public void setQueryRangePartialResponse(boolean queryRangePartialResponse) {
    this.queryRangePartialResponse = queryRangePartialResponse;
  }

  /** Returns: round range query start and end down to multiples of the step, so shifted ranges reuse cached results. */
  public boolean isQueryRangeAlignRangeWithStep() {
    return queryRangeAlignRangeWithStep;
  }

  /** Sets: round range query start and end down to multiples of the step, so shifted ranges reuse cached results. */
  public void setQueryRangeAlignRangeWithStep(boolean queryRangeAlignRangeWithStep) {
    this.queryRangeAlignRangeWithStep = queryRangeAlignRangeWithStep;
  }

  /** Returns: retry empty max_source_resolution=auto results with coarser resolutions. */
  public boolean isQueryRangeRequestDownsampled() {
    return queryRangeRequestDownsampled;
  }

  /** Sets: retry empty max_source_resolution=auto results with coarser resolutions. */
  public void setQueryRangeRequestDownsampled(boolean queryRangeRequestDownsampled) {
    this.queryRangeRequestDownsampled = queryRangeRequestDownsampled;
  }

  /** Returns: path to the YAML of the range results cache (type IN-MEMORY, MEMCACHED or REDIS and config); no cache when empty. */
  public String getQueryRangeResponseCacheConfigFile() {
    return queryRangeResponseCacheConfigFile;
  }

  /** Sets: path to the YAML of the range results cache (type IN-MEMORY, MEMCACHED or REDIS and config); no cache when empty. */
  public void setQueryRangeResponseCacheConfigFile(String queryRangeResponseCacheConfigFile) {
    this.queryRangeResponseCacheConfigFile = queryRangeResponseCacheConfigFile;
  }

  /** Returns: inline YAML of the range results cache (alternative to the file). */
  public String getQueryRangeResponseCacheConfig() {
    return queryRangeResponseCacheConfig;
  }

  /** Sets: inline YAML of the range results cache (alternative to the file). */
  public void setQueryRangeResponseCacheConfig(String queryRangeResponseCacheConfig) {
    this.queryRangeResponseCacheConfig = queryRangeResponseCacheConfig;
  }

  /** Returns: compression of cached values (\"\" or snappy). */
  public String getCacheCompressionType() {
    return cacheCompressionType;
  }

  /** Sets: compression of cached values (\"\" or snappy). */
  public void setCacheCompressionType(String cacheCompressionType) {
    this.cacheCompressionType = cacheCompressionType;
  }

  /** Returns: split interval of label and series requests. */
  public Duration getLabelsSplitInterval() {
    return labelsSplitInterval;
  }

  /** Sets: split interval of label and series requests. */
  public void setLabelsSplitInterval(Duration labelsSplitInterval) {
    this.labelsSplitInterval = labelsSplitInterval;
  }

  /** Returns: maximum attempts of label and series requests when the downstream answers 5xx or not at all; 0 means one attempt. */
  public int getLabelsMaxRetriesPerRequest() {
    return labelsMaxRetriesPerRequest;
  }

  /** Sets: maximum attempts of label and series requests when the downstream answers 5xx or not at all; 0 means one attempt. */
  public void setLabelsMaxRetriesPerRequest(int labelsMaxRetriesPerRequest) {
    this.labelsMaxRetriesPerRequest = labelsMaxRetriesPerRequest;
  }

  /** Returns: parallelism of split label and series requests. */
  public int getLabelsMaxQueryParallelism() {
    return labelsMaxQueryParallelism;
  }

  /** Sets: parallelism of split label and series requests. */
  public void setLabelsMaxQueryParallelism(int labelsMaxQueryParallelism) {
    this.labelsMaxQueryParallelism = labelsMaxQueryParallelism;
  }

  /** Returns: freshness window of cached label and series results. */
  public Duration getLabelsResponseCacheMaxFreshness() {
    return labelsResponseCacheMaxFreshness;
  }

  /** Sets: freshness window of cached label and series results. */
  public void setLabelsResponseCacheMaxFreshness(Duration labelsResponseCacheMaxFreshness) {
    this.labelsResponseCacheMaxFreshness = labelsResponseCacheMaxFreshness;
  }

  /** Returns: default partial_response of label and series requests. */
  public boolean isLabelsPartialResponse() {
    return labelsPartialResponse;
  }

  /** Sets: default partial_response of label and series requests. */
  public void setLabelsPartialResponse(boolean labelsPartialResponse) {
    this.labelsPartialResponse = labelsPartialResponse;
  }

  /** Returns: time range of label and series requests without start/end. */
  public Duration getLabelsDefaultTimeRange() {
    return labelsDefaultTimeRange;
  }

  /** Sets: time range of label and series requests without start/end. */
  public void setLabelsDefaultTimeRange(Duration labelsDefaultTimeRange) {
    this.labelsDefaultTimeRange = labelsDefaultTimeRange;
  }

  /** Returns: path to the YAML of the labels/series results cache. */
  public String getLabelsResponseCacheConfigFile() {
    return labelsResponseCacheConfigFile;
  }

  /** Sets: path to the YAML of the labels/series results cache. */
  public void setLabelsResponseCacheConfigFile(String labelsResponseCacheConfigFile) {
    this.labelsResponseCacheConfigFile = labelsResponseCacheConfigFile;
  }

  /** Returns: inline YAML of the labels/series results cache. */
  public String getLabelsResponseCacheConfig() {
    return labelsResponseCacheConfig;
  }

  /** Sets: inline YAML of the labels/series results cache. */
  public void setLabelsResponseCacheConfig(String labelsResponseCacheConfig) {
    this.labelsResponseCacheConfig = labelsResponseCacheConfig;
  }

  /** Validation hook: the downstream URL is an absolute http(s) URL. */
  @AssertTrue(message = "thanos.query-frontend.downstream-url (--query-frontend.downstream-url) must be an "
      + "http:// or https:// URL with a host, e.g. http://localhost:9090")
  public boolean isDownstreamUrlValid() {
    try {
      URI u = URI.create(downstreamUrl);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Validation hook: at most one of the cache configuration file and inline YAML. */
  @AssertTrue(message = "thanos.query-frontend.query-range-response-cache-config-file and "
      + "thanos.query-frontend.query-range-response-cache-config (--query-range.response-cache-config-file, "
      + "--query-range.response-cache-config) are exclusive")
  public boolean isResponseCacheConfigUnambiguous() {
    return queryRangeResponseCacheConfigFile.isEmpty() || queryRangeResponseCacheConfig.isEmpty();
  }

  /** Validation hook: durations, retries and parallelism are in range. */
  @AssertTrue(message = "thanos.query-frontend: split interval, max query length and cache freshness must not be "
      + "negative, retries must not be negative and max query parallelism must be at least 1")
  public boolean isQueryRangeSettingsValid() {
    try {
      queryRangeSettings();
      return queryMaxRetriesPerRequest >= 0 && labelsMaxRetriesPerRequest >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The range pipeline's settings. */
  public QueryRangeSettings queryRangeSettings() {
    return new QueryRangeSettings(queryRangeSplitInterval, queryRangeMaxRetriesPerRequest, queryRangeMaxQueryLength,
        queryRangeMaxQueryParallelism, queryRangeResponseCacheMaxFreshness, queryRangePartialResponse,
        queryRangeAlignRangeWithStep);
  }
}
