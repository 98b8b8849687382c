package io.thanosjvm.promql;

/** The query would hold more samples in memory than the engine allows. */
public final class TooManySamplesException extends QueryExecutionException {

  /** Prometheus' message for this condition. */
  public static final String MESSAGE = "query processing would load too many samples into memory in query execution";

  /** Creates the error. */
  public TooManySamplesException() {
    super(MESSAGE);
  }
}
