package io.thanosjvm.promql.storage;

import java.util.List;

/** A stream of series sorted by labels, plus warnings (e.g. from a partial response). */
public interface SeriesSet extends AutoCloseable {

  /** Advances to the next series; false when exhausted. */
  boolean next();

  /** The current series. */
  Series at();

  /** Warnings collected while selecting (may grow until the set is exhausted). */
  default List<String> warnings() {
    return List.of();
  }

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}
