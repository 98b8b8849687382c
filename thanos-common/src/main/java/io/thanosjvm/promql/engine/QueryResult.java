package io.thanosjvm.promql.engine;

import java.util.List;

/**
 * A query's value and its warnings (e.g. partial responses reported by the storage).
 *
 * @param value the value
 * @param warnings the warnings, possibly empty
 */
public record QueryResult(QueryValue value, List<String> warnings) {

  /** Copies the warnings. */
  public QueryResult {
    warnings = List.copyOf(warnings);
  }
}
