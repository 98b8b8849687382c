package io.thanosjvm.query.downsample;

import io.thanosjvm.wire.storepb.Aggr;
import java.util.List;

/**
 * The aggregates a selector requests from downsampled data, derived from the function directly enclosing it
 * (Thanos' {@code aggrsFromFunc}): {@code min}/{@code min_*} take MIN, {@code max}/{@code max_*} MAX,
 * {@code count}/{@code count_*} COUNT, {@code sum_*} (not plain {@code sum}) SUM, the counter functions
 * COUNTER, and everything else COUNT and SUM, read back as the per-window average.
 */
public final class AggregateSelection {

  private static final List<Aggr> MIN = List.of(Aggr.MIN);
  private static final List<Aggr> MAX = List.of(Aggr.MAX);
  private static final List<Aggr> COUNT = List.of(Aggr.COUNT);
  private static final List<Aggr> SUM = List.of(Aggr.SUM);
  private static final List<Aggr> COUNTER = List.of(Aggr.COUNTER);
  private static final List<Aggr> AVERAGE = List.of(Aggr.COUNT, Aggr.SUM);

  private AggregateSelection() {}

  /** The aggregates for a selector whose enclosing function (or aggregation) is {@code function} ("" if none). */
  public static List<Aggr> forFunction(String function) {
    String f = function == null ? "" : function;
    if (f.equals("min") || f.startsWith("min_")) {
      return MIN;
    }
    if (f.equals("max") || f.startsWith("max_")) {
      return MAX;
    }
    if (f.equals("count") || f.startsWith("count_")) {
      return COUNT;
    }
    if (f.startsWith("sum_")) {
      return SUM;
    }
    if (isCounterFunction(f)) {
      return COUNTER;
    }
    return AVERAGE;
  }

  /** Whether the function reads counters: rate, increase, irate, resets and the x-variants xrate, xincrease. */
  public static boolean isCounterFunction(String function) {
    return switch (function == null ? "" : function) {
      case "rate", "increase", "irate", "resets", "xrate", "xincrease" -> true;
      default -> false;
    };
  }
}
