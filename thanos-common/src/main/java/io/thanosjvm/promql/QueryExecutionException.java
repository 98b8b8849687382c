package io.thanosjvm.promql;

/** A query failed while it was evaluated (e.g. many-to-many matching, duplicate output series). */
public class QueryExecutionException extends PromqlException {

  /** Creates the error. */
  public QueryExecutionException(String message) {
    super(message);
  }

  /** Creates the error with a cause. */
  public QueryExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
