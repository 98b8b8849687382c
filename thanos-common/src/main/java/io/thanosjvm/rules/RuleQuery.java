package io.thanosjvm.rules;

import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.List;

/** Runs a rule's expression as an instant query (against Query's HTTP or gRPC API, or an in-process engine). */
@FunctionalInterface
public interface RuleQuery {

  /**
   * The instant vector of {@code expr} at {@code evalMillis}; a scalar result is one series without labels.
   *
   * @param strategy the group's partial response strategy, passed on to the querier
   * @throws RuntimeException when the query fails (the rule's evaluation then fails and is counted)
   */
  List<SeriesValue> query(String expr, long evalMillis, PartialResponseStrategy strategy);
}
