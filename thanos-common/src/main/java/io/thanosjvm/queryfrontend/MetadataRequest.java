package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.PromJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A labels, label values or series request as the frontend's metadata pipeline sees it (Thanos'
 * {@code ThanosLabelsRequest}/{@code ThanosSeriesRequest}): its path, label name, time range and every original
 * parameter, forwarded with {@code start} and {@code end} replaced.
 *
 * @param kind what is asked
 * @param path the request path as received (e.g. {@code /api/v1/label/job/values})
 * @param label the label whose values are asked, empty otherwise
 * @param start the range's start, ms
 * @param end the range's end, ms (not before start)
 * @param params every original parameter, in order
 */
public record MetadataRequest(Kind kind, String path, String label, long start, long end,
    Map<String, List<String>> params) {

  /** What is asked. */
  public enum Kind {
    /** {@code /api/v1/labels}: label names. */
    LABEL_NAMES,
    /** {@code /api/v1/label/<name>/values}. */
    LABEL_VALUES,
    /** {@code /api/v1/series}: label sets. */
    SERIES
  }

  /** Validates and copies. */
  public MetadataRequest {
    if (kind == null || path == null || label == null) {
      throw new IllegalArgumentException("kind, path and label must not be null");
    }
    if (end < start) {
      throw new IllegalArgumentException("end " + end + " before start " + start);
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    params = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Parses a request; without {@code start} or {@code end}, the range is the last {@code defaultRangeMs} before
   * {@code nowMs} (Thanos' {@code --labels.default-time-range}), or all time when that is 0.
   *
   * @throws io.thanosjvm.api.ApiException ({@code bad_data}) for unparsable times or an end before the start
   */
  public static MetadataRequest parse(Kind kind, String path, String label, Map<String, List<String>> params,
      long defaultRangeMs, long nowMs) {
    ApiParams p = new ApiParams(params);
    long defaultStart = defaultRangeMs > 0 ? nowMs - defaultRangeMs : ApiParams.MIN_TIME;
    long defaultEnd = defaultRangeMs > 0 ? nowMs : ApiParams.MAX_TIME;
    long start = p.time("start", defaultStart);
    long end = p.time("end", defaultEnd);
    if (end < start) {
      throw new io.thanosjvm.api.ApiException(io.thanosjvm.api.ApiError.BAD_DATA,
          "invalid parameter \"end\": end timestamp must not be before start time");
    }
    return new MetadataRequest(kind, path, label, start, end, params);
  }

  /** The same request over {@code [newStart, newEnd]}. */
  public MetadataRequest withRange(long newStart, long newEnd) {
    return new MetadataRequest(kind, path, label, newStart, newEnd, params);
  }

  /** The URL-encoded parameters as sent downstream: the originals with this request's start and end. */
  public String encode() {
    Map<String, List<String>> out = new LinkedHashMap<>(params);
    out.put("start", List.of(seconds(start)));
    out.put("end", List.of(seconds(end)));
    return DownstreamRequest.encodeParams(out);
  }

  /** The parameters other than the range, in a stable order (part of the cache key). */
  String otherParams() {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(params).forEach((k, values) -> {
      if (!k.equals("start") && !k.equals("end")) {
        for (String v : values) {
          sb.append(k).append('=').append(v).append(';');
        }
      }
    });
    return sb.toString();
  }

  private static String seconds(long ms) {
    StringBuilder sb = new StringBuilder();
    PromJson.timestamp(sb, ms);
    return sb.toString();
  }
}
