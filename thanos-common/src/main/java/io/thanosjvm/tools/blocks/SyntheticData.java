package io.thanosjvm.tools.blocks;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic synthetic series for {@code blocks generate}. Each target (instance) has 13 series:
 * two counters, two gauges and a classic histogram (7 buckets, {@code _count}, {@code _sum}). Values
 * are pure functions of (seed, target, step) plus a running counter state, so consecutive blocks
 * continue each other and histogram series stay consistent (same observations, same reset steps).
 * Series are enumerated directly in label order, never materialised all at once. Public for the live demo, which
 * continues the generated history through receive's head.
 */
public final class SyntheticData {

  static final String[] LE = {"0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
  private static final double[] LE_VALUES = {0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};
  static final int PER_TARGET = 13;

  /** Kinds in definition order (the position decides which series exist when N is not a multiple). */
  public enum Kind {
    REQUESTS("gen_http_requests_total"),
    CPU("gen_cpu_seconds_total"),
    MEMORY("gen_memory_bytes"),
    TEMPERATURE("gen_temperature_celsius"),
    BUCKET("gen_request_duration_seconds_bucket"),
    COUNT("gen_request_duration_seconds_count"),
    SUM("gen_request_duration_seconds_sum");

    final String metric;

    Kind(String metric) {
      this.metric = metric;
    }
  }

  /**
   * One series in sorted order.
   *
   * @param kind its kind
   * @param target target number
   * @param bucket index into {@link #LE} for buckets, else -1
   * @param labels its label set
   */
  public record Def(Kind kind, int target, int bucket, Labels labels) {}

  private final long seed;
  private final int seriesCount;
  private final int targets;
  private final Labels external;

  /** Series of {@code seed}: the first {@code seriesCount} of the per-target sequence. */
  public SyntheticData(long seed, int seriesCount) {
    this.seed = seed;
    this.seriesCount = seriesCount;
    this.targets = (seriesCount + PER_TARGET - 1) / PER_TARGET;
    this.external = Labels.EMPTY;
  }

  /** Definition index of a (kind, bucket) within a target. */
  private static int defIndex(Kind k, int bucket) {
    return switch (k) {
      case REQUESTS -> 0;
      case CPU -> 1;
      case MEMORY -> 2;
      case TEMPERATURE -> 3;
      case BUCKET -> 4 + bucket;
      case COUNT -> 11;
      case SUM -> 12;
    };
  }

  private boolean exists(int target, Kind k, int bucket) {
    return (long) target * PER_TARGET + defIndex(k, bucket) < seriesCount;
  }

  /** Visits every series in label order. */
  public void forEachSorted(java.util.function.Consumer<Def> visitor) {
    List<Kind> kinds = new ArrayList<>(Arrays.asList(Kind.values()));
    kinds.sort((a, b) -> Utf8Order.compare(a.metric, b.metric));
    Integer[] leOrder = new Integer[LE.length];
    for (int i = 0; i < LE.length; i++) {
      leOrder[i] = i;
    }
    Arrays.sort(leOrder, (a, b) -> Utf8Order.compare(LE[a], LE[b]));
    for (Kind k : kinds) {
      for (int t = 0; t < targets; t++) {
        if (k == Kind.BUCKET) {
          for (int b : leOrder) {
            if (exists(t, k, b)) {
              visitor.accept(new Def(k, t, b, labels(k, t, b)));
            }
          }
        } else if (exists(t, k, -1)) {
          visitor.accept(new Def(k, t, -1, labels(k, t, -1)));
        }
      }
    }
  }

  private Labels labels(Kind k, int t, int bucket) {
    String instance = String.format("host-%07d", t);
    String job = "job-" + (t % 10);
    String zone = "z" + (t % 3);
    if (bucket >= 0) {
      return Labels.of("__name__", k.metric, "instance", instance, "job", job, "le", LE[bucket], "zone", zone);
    }
    return Labels.of("__name__", k.metric, "instance", instance, "job", job, "zone", zone);
  }

  /** A uniform double in [0, 1) from (seed, target, step, salt). */
  double uniform(int target, long step, int salt) {
    long x = seed * 0x9E3779B97F4A7C15L + target * 0xC2B2AE3D27D4EB4FL + step * 0x165667B19E3779F9L + salt;
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return (x >>> 11) * 0x1.0p-53;
  }

  /** Whether the target's counters reset at this step (about one in 500 steps). */
  boolean reset(int target, long step) {
    return uniform(target, step, 7) < 0.002;
  }

  /**
   * The value of a series at a global step; {@code prev} is its value at the previous step (counter
   * state), NaN before the first step.
   */
  public double value(Def d, long step, double prev, long stepMillis) {
    int t = d.target();
    boolean first = Double.isNaN(prev);
    boolean reset = !first && reset(t, step);
    double base = first || reset ? 0 : prev;
    switch (d.kind()) {
      case REQUESTS:
        return base + Math.floor(uniform(t, step, 1) * 20);
      case CPU:
        return base + Math.round(uniform(t, step, 2) * stepMillis / 2.0) / 1000.0;
      case MEMORY: {
        double phase = uniform(t, 0, 3) * 2 * Math.PI;
        return Math.floor(2e8 + 1e8 * Math.sin(step / 240.0 + phase) + uniform(t, step, 4) * 1e6);
      }
      case TEMPERATURE: {
        double phase = uniform(t, 0, 5) * 2 * Math.PI;
        return Math.round((20 + 8 * Math.sin(step / 5760.0 * 2 * Math.PI + phase)
            + uniform(t, step, 6)) * 1000) / 1000.0;
      }
      default:
        return base + histogramIncrement(d, t, step);
    }
  }

  private double histogramIncrement(Def d, int t, long step) {
    int n = (int) (uniform(t, step, 8) * 10);
    double sum = 0;
    int inBucket = 0;
    for (int i = 0; i < n; i++) {
      double obs = -Math.log(1 - uniform(t, step, 100 + i)) * 0.3;
      sum += obs;
      if (d.bucket() >= 0 && obs <= LE_VALUES[d.bucket()]) {
        inBucket++;
      }
    }
    return switch (d.kind()) {
      case BUCKET -> inBucket;
      case COUNT -> n;
      default -> Math.round(sum * 1e6) / 1e6;
    };
  }

  int targets() {
    return targets;
  }

  Labels external() {
    return external;
  }
}
