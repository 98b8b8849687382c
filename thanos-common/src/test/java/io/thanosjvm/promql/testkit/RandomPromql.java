package io.thanosjvm.promql.testkit;

import java.util.SplittableRandom;

/**
 * A seeded generator of well-typed PromQL over the {@code make-prom-blocks} data set (demo_* metrics with labels
 * {@code job} = api|db|web, {@code instance} = host-NNNN, {@code zone} = z0..z4, and {@code le} on the latency
 * histogram's buckets), for differential tests against Prometheus.
 *
 * <p>Expressions are meant to have one right answer: the generator keeps order-sensitive operations (sums and means
 * across series, {@code topk}/{@code bottomk}) away from {@code demo_special_values}, whose 1e300 / NaN / ±Inf samples
 * make the result depend on summation order or tie-breaking, which PromQL leaves unspecified. Some expressions fail
 * (e.g. many-to-many matching): both sides must then fail with the same error type.
 */
public final class RandomPromql {

  private static final String[] COUNTERS = {"demo_http_requests_total", "demo_cpu_seconds_total"};
  private static final String[] GAUGES = {"demo_memory_bytes", "demo_temperature_celsius"};
  private static final String SPECIAL = "demo_special_values";
  private static final String[] LABELS = {"job", "instance", "zone"};
  private static final String[] COUNTER_FNS = {"rate", "irate", "increase", "resets"};
  private static final String[] GAUGE_FNS = {"delta", "idelta", "deriv", "changes", "avg_over_time",
      "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "stddev_over_time", "stdvar_over_time",
      "last_over_time", "present_over_time"};
  private static final String[] VECTOR_FNS = {"abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn",
      "timestamp", "round", "sin", "cos", "tanh", "hour", "minute", "day_of_week", "clamp_min", "clamp_max",
      "sort", "sort_desc", "absent"};
  private static final String[] AGGS = {"sum", "avg", "min", "max", "count", "group", "stddev", "stdvar"};
  private static final String[] ORDER_FREE_AGGS = {"min", "max", "count", "group"};
  private static final String[] ARITH = {"+", "-", "*", "/", "%", "^", "atan2"};
  private static final String[] COMPARE = {"==", "!=", ">", "<", ">=", "<="};

  private final SplittableRandom rnd;
  private final PromDataSet data;

  /** A generator for the given seed and data set. */
  public RandomPromql(long seed, PromDataSet data) {
    this.rnd = new SplittableRandom(seed);
    this.data = data;
  }

  /** The next expression: an instant-vector expression most of the time, sometimes a scalar one. */
  public String next() {
    if (rnd.nextInt(12) == 0) {
      return scalar(2);
    }
    return vector(1 + rnd.nextInt(3), rnd.nextInt(6) == 0);
  }

  /** A uniformly drawn integer in [0, bound), for callers choosing query times or steps from the same seed. */
  public int nextInt(int bound) {
    return rnd.nextInt(bound);
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private String matchers(boolean withLe) {
    int n = rnd.nextInt(4) == 0 ? 2 : rnd.nextInt(2);
    if (n == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(switch (rnd.nextInt(withLe ? 7 : 6)) {
        case 0 -> "job=\"" + pick(new String[] {"api", "db", "web", "nope"}) + "\"";
        case 1 -> "job!=\"" + pick(new String[] {"api", "db"}) + "\"";
        case 2 -> "zone=~\"z[" + rnd.nextInt(3) + "-" + (2 + rnd.nextInt(3)) + "]\"";
        case 3 -> "zone!~\"z" + rnd.nextInt(5) + "\"";
        case 4 -> "instance=~\"host-00" + rnd.nextInt(3) + ".\"";
        case 5 -> "instance!=\"host-000" + rnd.nextInt(10) + "\"";
        default -> "le=~\"" + pick(new String[] {"\\\\+Inf", "0\\\\..*", ".*5"}) + "\"";
      });
    }
    return sb.append('}').toString();
  }

  /** A plain metric selector; {@code special} allows demo_special_values. */
  private String selector(String kind, boolean special) {
    String name = switch (kind) {
      case "counter" -> pick(COUNTERS);
      case "gauge" -> special && data.special() && rnd.nextInt(5) == 0 ? SPECIAL : pick(GAUGES);
      default -> rnd.nextBoolean() ? pick(COUNTERS) : pick(GAUGES);
    };
    return name + matchers(false) + modifiers();
  }

  private String modifiers() {
    return switch (rnd.nextInt(10)) {
      case 0 -> " offset " + (5 + rnd.nextInt(56)) + "m";
      case 1 -> " offset -" + (1 + rnd.nextInt(20)) + "m";
      case 2 -> " @ " + (data.startSeconds() + rnd.nextLong(data.endSeconds() - data.startSeconds()));
      case 3 -> rnd.nextBoolean() ? " @ start()" : " @ end()";
      default -> "";
    };
  }

  private String window() {
    return pick(new String[] {"1m", "2m", "5m", "5m", "10m", "15m", "30m", "1h"});
  }

  private String rangeFunction(boolean special) {
    if (rnd.nextInt(6) == 0) {
      String inner = rnd.nextBoolean() ? "rate(" + selectorRange("counter", false) + ")" : vector(1, special);
      String fn = pick(new String[] {"max_over_time", "min_over_time", "avg_over_time", "count_over_time",
          "last_over_time"});
      return fn + "((" + inner + ")[" + pick(new String[] {"10m", "15m", "30m"}) + ":"
          + pick(new String[] {"", "1m", "2m", "45s"}) + "])";
    }
    if (rnd.nextInt(3) == 0) {
      return pick(COUNTER_FNS) + "(" + selectorRange("counter", false) + ")";
    }
    return switch (rnd.nextInt(8)) {
      case 0 -> "quantile_over_time(" + quantile() + ", " + selectorRange("gauge", special) + ")";
      case 1 -> "predict_linear(" + selectorRange("gauge", false) + ", " + (60 * rnd.nextInt(120)) + ")";
      case 2 -> "holt_winters(" + selectorRange("gauge", false) + ", 0." + (1 + rnd.nextInt(9)) + ", 0."
          + (1 + rnd.nextInt(9)) + ")";
      default -> pick(GAUGE_FNS) + "(" + selectorRange(rnd.nextInt(4) == 0 ? "counter" : "gauge", special) + ")";
    };
  }

  private String selectorRange(String kind, boolean special) {
    String sel = selector(kind, special);
    int mod = sel.indexOf(" offset ");
    if (mod < 0) {
      mod = sel.indexOf(" @ ");
    }
    String w = "[" + window() + "]";
    return mod < 0 ? sel + w : sel.substring(0, mod) + w + sel.substring(mod);
  }

  private String quantile() {
    return pick(new String[] {"0", "0.1", "0.5", "0.9", "0.99", "1", "-1", "2"});
  }

  private String grouping() {
    return switch (rnd.nextInt(4)) {
      case 0 -> "";
      case 1 -> " by (" + pick(LABELS) + ")";
      case 2 -> " by (job, zone)";
      default -> " without (" + pick(LABELS) + ")";
    };
  }

  private String scalar(int depth) {
    if (depth <= 0 || rnd.nextInt(3) == 0) {
      return rnd.nextInt(8) == 0 ? pick(new String[] {"NaN", "Inf", "-Inf"}) : String.valueOf(rnd.nextInt(9) - 2);
    }
    return switch (rnd.nextInt(4)) {
      case 0 -> "scalar(" + vector(depth - 1, false) + ")";
      case 1 -> "time()";
      case 2 -> "(" + scalar(depth - 1) + " " + pick(new String[] {"+", "-", "*", "/"}) + " " + scalar(depth - 1)
          + ")";
      default -> "scalar(sum(" + selector("any", false) + "))";
    };
  }

  /**
   * An instant-vector expression of at most {@code depth} levels; {@code special} allows demo_special_values in
   * places where the answer does not depend on evaluation order.
   */
  private String vector(int depth, boolean special) {
    if (depth <= 0) {
      return rnd.nextInt(3) == 0 ? rangeFunction(special) : selector("any", special);
    }
    return switch (rnd.nextInt(14)) {
      case 0, 1 -> rangeFunction(special);
      case 2 -> {
        String fn = pick(VECTOR_FNS);
        String arg = vector(depth - 1, special);
        yield switch (fn) {
          case "clamp_min", "clamp_max" -> fn + "(" + arg + ", " + (rnd.nextInt(200) - 50) + ")";
          case "round" -> "round(" + arg + ", " + pick(new String[] {"1", "0.5", "10"}) + ")";
          default -> fn + "(" + arg + ")";
        };
      }
      case 3, 4 -> {
        boolean orderFree = special && rnd.nextBoolean();
        String agg = orderFree ? pick(ORDER_FREE_AGGS) : pick(AGGS);
        yield agg + grouping() + " (" + vector(depth - 1, orderFree) + ")";
      }
      case 5 -> pick(new String[] {"topk", "bottomk"}) + grouping() + " (" + (1 + rnd.nextInt(4)) + ", "
          + selector("gauge", false) + ")";
      case 6 -> "quantile" + grouping() + " (" + quantile() + ", " + vector(depth - 1, false) + ")";
      case 7 -> {
        String op = rnd.nextBoolean() ? pick(ARITH) : pick(COMPARE) + (rnd.nextBoolean() ? " bool" : "");
        String matching = switch (rnd.nextInt(4)) {
          case 0 -> " on (" + pick(LABELS) + ")";
          case 1 -> " ignoring (" + pick(LABELS) + ")";
          default -> "";
        };
        yield "(" + vector(depth - 1, special) + " " + op + matching + " " + vector(depth - 1, special) + ")";
      }
      case 8 -> {
        String op = rnd.nextBoolean() ? pick(ARITH) : pick(COMPARE) + (rnd.nextInt(3) == 0 ? " bool" : "");
        yield rnd.nextBoolean()
            ? "(" + vector(depth - 1, special) + " " + op + " " + scalar(depth - 1) + ")"
            : "(" + scalar(depth - 1) + " " + op + " " + vector(depth - 1, special) + ")";
      }
      case 9 -> "(" + vector(depth - 1, special) + " " + pick(new String[] {"and", "or", "unless"})
          + (rnd.nextBoolean() ? " on (" + pick(LABELS) + ")" : "") + " " + vector(depth - 1, special) + ")";
      case 10 -> "(" + selector("gauge", false) + " " + pick(ARITH) + " on (job) group_left "
          + pick(new String[] {"", "(zone)"}) + " " + aggregated("job") + ")";
      case 11 -> data.special()
          ? "histogram_quantile(" + quantile() + ", sum by (le" + pick(new String[] {"", ", job", ", zone"})
              + ") (rate(demo_latency_seconds_bucket" + matchers(true) + "[" + window() + "])))"
          : rangeFunction(special);
      case 12 -> "label_replace(" + vector(depth - 1, special) + ", \"dst\", \"$1-x\", \""
          + pick(LABELS) + "\", \"(.*)\")";
      default -> rnd.nextBoolean()
          ? "count_values(\"v\", round(" + vector(depth - 1, false) + "))"
          : "-" + vector(depth - 1, special);
    };
  }

  private String aggregated(String by) {
    return pick(new String[] {"sum", "max", "count"}) + " by (" + by + ") (" + selector("any", false) + ")";
  }
}
