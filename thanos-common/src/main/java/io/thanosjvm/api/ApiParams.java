package io.thanosjvm.api;

import io.thanosjvm.model.PromDuration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Parses the API's parameters the way Prometheus does: times and durations as float seconds or text. */
public final class ApiParams {

  /** Prometheus' minimum API time (used when start is absent): its MinTime in ms. */
  public static final long MIN_TIME = -9_223_372_036_854_775L / 1000 * 1000 - 62_135_596_800_000L;
  /** Prometheus' maximum API time. */
  public static final long MAX_TIME = 253_402_300_799_000L;

  private final Map<String, List<String>> values;
  private final Map<String, String> headers;

  /** Parameters from query string and form body, merged; no headers. */
  public ApiParams(Map<String, List<String>> values) {
    this(values, Map.of());
  }

  /** Parameters from query string and form body, merged, and the request's headers (first value of each). */
  public ApiParams(Map<String, List<String>> values, Map<String, String> headers) {
    this.values = values;
    java.util.TreeMap<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    this.headers = h;
  }

  /** The value of request header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The first value of {@code name}, or null. */
  public String get(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of {@code name}. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * An optional time parameter in ms, or {@code fallback} when absent or empty (Prometheus'
   * {@code parseTimeParam}: errors read {@code Invalid time value for 'name': ...}).
   */
  public long time(String name, long fallback) {
    String s = get(name);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    try {
      return parseTime(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, "Invalid time value for '" + name + "': " + e.getMessage());
    }
  }

  /** A required time parameter in ms (Prometheus' {@code parseTime}: errors without the prefix). */
  public long requiredTime(String name) {
    String s = get(name);
    try {
      return parseTime(s == null ? "" : s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, e.getMessage());
    }
  }

  /** A duration parameter in ms, or {@code fallback} when absent. */
  public long duration(String name, long fallback) {
    String s = get(name);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    try {
      return parseDuration(s);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, e.getMessage());
    }
  }

  /** Float Unix seconds (rounded to ms) or RFC 3339. */
  static long parseTime(String s) {
    try {
      double t = Double.parseDouble(s);
      if (!Double.isNaN(t) && !Double.isInfinite(t)) {
        double whole = Math.floor(t);
        return (long) whole * 1000 + Math.round((t - whole) * 1000);
      }
    } catch (NumberFormatException notAFloat) {
      // try RFC 3339
    }
    try {
      Instant i = OffsetDateTime.parse(s).toInstant();
      return i.toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
    }
  }

  /** Float seconds or a Prometheus duration ({@code 5m}); negative or overflowing values are rejected. */
  static long parseDuration(String s) {
    try {
      double d = Double.parseDouble(s);
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        double ms = d * 1000;
        if (ms >= Long.MAX_VALUE || ms <= Long.MIN_VALUE) {
          throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration. It overflows int64");
        }
        return Math.round(ms);
      }
    } catch (NumberFormatException notAFloat) {
      // try a Prometheus duration
    }
    try {
      return PromDuration.parseMillis(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration");
    }
  }
}
