package io.thanosjvm.query.dedup;

/** Which PromQL functions make the deduplicator treat a series as a counter. */
public final class DedupFunctions {

  private DedupFunctions() {}

  /** True for the functions Thanos treats as counter consumers: rate, increase, irate and resets. */
  public static boolean isCounter(String function) {
    return switch (function == null ? "" : function) {
      case "rate", "increase", "irate", "resets" -> true;
      default -> false;
    };
  }
}
