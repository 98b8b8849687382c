package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiException;
import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.PromJson;
import io.thanosjvm.api.RangeParams;
import io.thanosjvm.store.VerticalShard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code /api/v1/query_range} request as the query frontend sees it (Thanos' {@code
 * ThanosQueryRangeRequest}): the Prometheus parameters plus Thanos' extensions. Every original parameter is kept
 * in {@link #params()} and forwarded; {@link #withRange} only replaces {@code start} and {@code end}.
 *
 * @param query the PromQL text (not parsed: the downstream validates it)
 * @param start first evaluation time, ms
 * @param end last evaluation time, ms (not before start)
 * @param step resolution, ms (positive)
 * @param dedup Thanos {@code dedup} (true unless {@code dedup=false})
 * @param partialResponse Thanos {@code partial_response}, resolved against the frontend's default
 * @param maxSourceResolution Thanos {@code max_source_resolution} in ms ({@code auto} is step / 5), 0 = raw
 * @param replicaLabels Thanos {@code replicaLabels[]}
 * @param storeMatch Thanos {@code storeMatch[]}
 * @param engine Thanos {@code engine} (may be empty)
 * @param lookbackDelta Thanos {@code lookback_delta} in ms, 0 when absent
 * @param analyze Thanos {@code analyze}
 * @param params every original parameter, in order
 * @param shard the vertical shard this (sub-)request asks for ({@code shard_info}), null for all series
 */
public record RangeRequest(String query, long start, long end, long step, boolean dedup, boolean partialResponse,
    long maxSourceResolution, List<String> replicaLabels, List<String> storeMatch, String engine, long lookbackDelta,
    boolean analyze, Map<String, List<String>> params, VerticalShard shard) {

  /** A request for all series (not vertically sharded). */
  public RangeRequest(String query, long start, long end, long step, boolean dedup, boolean partialResponse,
      long maxSourceResolution, List<String> replicaLabels, List<String> storeMatch, String engine,
      long lookbackDelta, boolean analyze, Map<String, List<String>> params) {
    this(query, start, end, step, dedup, partialResponse, maxSourceResolution, replicaLabels, storeMatch, engine,
        lookbackDelta, analyze, params, null);
  }

  /** The query API parameter carrying a vertical shard. */
  public static final String SHARD_INFO = "shard_info";

  /** Validates the invariants. */
  public RangeRequest {
    if (query == null || engine == null) {
      throw new IllegalArgumentException("query and engine must not be null");
    }
    if (end < start) {
      throw new IllegalArgumentException("end " + end + " before start " + start);
    }
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    replicaLabels = List.copyOf(replicaLabels);
    storeMatch = List.copyOf(storeMatch);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    params = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Parses and validates the parameters of a range query (query string and form body merged) with Prometheus'
   * {@code bad_data} texts.
   *
   * @param partialResponseDefault the frontend's {@code --query-range.partial-response}
   * @throws ApiException ({@code bad_data}) naming the bad parameter
   */
  public static RangeRequest parse(Map<String, List<String>> params, boolean partialResponseDefault) {
    ApiParams p = new ApiParams(params);
    RangeParams range = RangeParams.of(p);
    long start = range.start();
    long end = range.end();
    long step = range.step();
    boolean dedup = bool(p, "dedup", true);
    boolean partial = bool(p, "partial_response", partialResponseDefault);
    String msr = p.get("max_source_resolution");
    long maxSourceResolution;
    if (msr == null || msr.isEmpty()) {
      maxSourceResolution = 0;
    } else if (msr.equals("auto")) {
      maxSourceResolution = step / 5;
    } else {
      maxSourceResolution = p.duration("max_source_resolution", 0);
    }
    long lookback = p.duration("lookback_delta", 0);
    return new RangeRequest(p.get("query") == null ? "" : p.get("query"), start, end, step, dedup, partial,
        maxSourceResolution, p.all("replicaLabels[]"), p.all("storeMatch[]"),
        p.get("engine") == null ? "" : p.get("engine"), lookback, bool(p, "analyze", false), params);
  }

  /** Go's {@code strconv.ParseBool}, as Thanos reads its boolean parameters. */
  private static boolean bool(ApiParams p, String name, boolean fallback) {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    return switch (v) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw ApiException.badParameter(name, "cannot parse \"" + v + "\" to a valid boolean");
    };
  }

  /** The same request over {@code [start, end]}. */
  public RangeRequest withRange(long newStart, long newEnd) {
    return new RangeRequest(query, newStart, newEnd, step, dedup, partialResponse, maxSourceResolution,
        replicaLabels, storeMatch, engine, lookbackDelta, analyze, params, shard);
  }

  /** The same request for one vertical shard. */
  public RangeRequest withShard(VerticalShard newShard) {
    return new RangeRequest(query, start, end, step, dedup, partialResponse, maxSourceResolution, replicaLabels,
        storeMatch, engine, lookbackDelta, analyze, params, newShard);
  }

  /** The number of evaluation steps. */
  public long points() {
    return (end - start) / step + 1;
  }

  /**
   * The URL-encoded form of the request as sent downstream: every original parameter in order, with
   * {@code start}, {@code end} and {@code step} replaced by this request's values in seconds, and
   * {@code shard_info} by this request's shard (JSON, as Thanos' frontend sends it) when it has one.
   */
  public String encode() {
    Map<String, List<String>> out = new LinkedHashMap<>(params);
    out.put("start", List.of(seconds(start)));
    out.put("end", List.of(seconds(end)));
    out.put("step", List.of(seconds(step)));
    if (shard != null) {
      out.put(SHARD_INFO, List.of(shard.toJson()));
    }
    return DownstreamRequest.encodeParams(out);
  }

  private static String seconds(long ms) {
    StringBuilder sb = new StringBuilder();
    PromJson.timestamp(sb, ms);
    return sb.toString();
  }
}
