package io.thanosjvm.promql.ast;

import io.thanosjvm.model.PromDuration;

/**
 * The {@code @} modifier of a selector or subquery.
 *
 * @param kind a fixed timestamp, or the query's start or end
 * @param timestampMillis the timestamp for {@link Kind#TIMESTAMP}, else 0
 */
public record AtModifier(Kind kind, long timestampMillis) {

  /** What the modifier refers to. */
  public enum Kind {
    /** {@code @ <unix seconds>} */
    TIMESTAMP,
    /** {@code @ start()} */
    START,
    /** {@code @ end()} */
    END
  }

  /** Validates the modifier. */
  public AtModifier {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    if (kind != Kind.TIMESTAMP && timestampMillis != 0) {
      throw new IllegalArgumentException("start()/end() take no timestamp");
    }
  }

  /** {@code @ <millis>}. */
  public static AtModifier at(long millis) {
    return new AtModifier(Kind.TIMESTAMP, millis);
  }

  /** The timestamp this modifier pins evaluation to, given the query's start and end. */
  public long resolve(long queryStart, long queryEnd) {
    return switch (kind) {
      case TIMESTAMP -> timestampMillis;
      case START -> queryStart;
      case END -> queryEnd;
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case TIMESTAMP -> " @ " + String.format(java.util.Locale.ROOT, "%.3f", timestampMillis / 1000.0);
      case START -> " @ start()";
      case END -> " @ end()";
    };
  }

  /** Renders {@code " @ ..."} and {@code " offset ..."} as Prometheus orders them. */
  static String suffix(AtModifier at, long offsetMillis) {
    StringBuilder sb = new StringBuilder();
    if (at != null) {
      sb.append(at);
    }
    if (offsetMillis > 0) {
      sb.append(" offset ").append(PromDuration.format(offsetMillis));
    } else if (offsetMillis < 0) {
      sb.append(" offset -").append(PromDuration.format(-offsetMillis));
    }
    return sb.toString();
  }
}
