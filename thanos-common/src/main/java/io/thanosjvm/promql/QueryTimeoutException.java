package io.thanosjvm.promql;

/** The query ran longer than its timeout. */
public final class QueryTimeoutException extends QueryExecutionException {

  /** Creates the error; {@code where} names the phase, as in Prometheus' "query timed out in ...". */
  public QueryTimeoutException(String where) {
    super("query timed out in " + where);
  }
}
