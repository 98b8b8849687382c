package io.thanosjvm.rules;

import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.List;
import java.util.Objects;

/**
 * A rule group: rules evaluated in order, every {@code intervalMillis}, against one query strategy.
 *
 * @param file the file it came from
 * @param name its name, unique in the file
 * @param intervalMillis its evaluation interval ({@code interval}), or 0 for {@code --eval-interval}
 * @param limit the most alerts or series one rule may produce ({@code limit}), 0 for none
 * @param partialResponseStrategy Thanos' {@code partial_response_strategy}: ABORT (the default) fails an evaluation
 *     when a store fails, WARN evaluates over the stores that answered
 * @param rules the rules, in file order
 * @param queryOffsetMillis the group's {@code query_offset} (ms), or -1 when not set ({@code --rule-query-offset}
 *     applies)
 */
public record RuleGroup(String file, String name, long intervalMillis, int limit,
    PartialResponseStrategy partialResponseStrategy, List<Rule> rules, long queryOffsetMillis) {

  /** Validates the group. */
  public RuleGroup {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partialResponseStrategy, "partialResponseStrategy");
    rules = List.copyOf(rules);
    if (intervalMillis < 0 || limit < 0) {
      throw new IllegalArgumentException("interval and limit must not be negative");
    }
    if (queryOffsetMillis < -1) {
      throw new IllegalArgumentException("query_offset must not be negative");
    }
  }

  /** A group without its own query offset. */
  public RuleGroup(String file, String name, long intervalMillis, int limit,
      PartialResponseStrategy partialResponseStrategy, List<Rule> rules) {
    this(file, name, intervalMillis, limit, partialResponseStrategy, rules, -1);
  }

  /** The query offset this group runs with, given the ruler's default. */
  public long effectiveQueryOffsetMillis(long defaultOffsetMillis) {
    return queryOffsetMillis < 0 ? defaultOffsetMillis : queryOffsetMillis;
  }

  /** Prometheus' group key, {@code <file>;<name>}: the {@code rule_group} label and the identity across reloads. */
  public String key() {
    return file + ";" + name;
  }

  /** The interval this group runs at, given the ruler's default. */
  public long effectiveIntervalMillis(long defaultIntervalMillis) {
    return intervalMillis == 0 ? defaultIntervalMillis : intervalMillis;
  }
}
