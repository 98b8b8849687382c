package io.thanosjvm.promql.storage;

import io.thanosjvm.model.Matcher;
import java.util.List;

/** A source of series for the PromQL engine. Implementations must be thread-safe. */
@FunctionalInterface
public interface Queryable {

  /**
   * Selects the series matching every matcher that may have samples in {@code [hints.start, hints.end]},
   * sorted by labels. Iterators may return samples outside that range; the engine filters.
   */
  SeriesSet select(SelectHints hints, List<Matcher> matchers);
}
