package io.thanosjvm.rules.template;

import java.util.List;

/**
 * The PromQL instant query behind the template function {@code query}, evaluated at the rule's evaluation time;
 * the ruler plugs in its querier.
 */
@FunctionalInterface
public interface QueryFunction {

  /** A query function that refuses every query. */
  QueryFunction NONE = q -> {
    throw new QueryException("no query function configured");
  };

  /**
   * Runs {@code query} and returns the instant vector in the engine's order.
   *
   * @throws QueryException with the querier's error text when the query fails
   */
  List<QuerySample> query(String query);

  /** A failed query; its message becomes the template's {@code error calling query: ...} text. */
  final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A query failure with the querier's message. */
    public QueryException(String message) {
      super(message);
    }
  }
}
