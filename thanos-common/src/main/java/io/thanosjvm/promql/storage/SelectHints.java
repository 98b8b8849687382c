package io.thanosjvm.promql.storage;

import java.util.List;

/**
 * What the engine is about to do with selected data; storages may use it for downsampling or pushdown.
 *
 * @param start the first timestamp (ms) any sample is needed for
 * @param end the last timestamp (ms) any sample is needed for
 * @param step the query step in ms (0 for instant queries)
 * @param function the function directly enclosing the selector, or empty
 * @param range the range of a range selector in ms, or 0
 * @param grouping the grouping labels of the enclosing aggregation
 * @param by whether the grouping is {@code by} (else {@code without})
 */
public record SelectHints(long start, long end, long step, String function, long range, List<String> grouping,
    boolean by) {

  /** Validates and copies. */
  public SelectHints {
    if (end < start) {
      throw new IllegalArgumentException("select end " + end + " before start " + start);
    }
    function = function == null ? "" : function;
    grouping = grouping == null ? List.of() : List.copyOf(grouping);
  }
}
