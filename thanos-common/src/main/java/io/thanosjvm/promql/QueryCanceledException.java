package io.thanosjvm.promql;

/** The query was canceled by its caller. */
public final class QueryCanceledException extends QueryExecutionException {

  /** Creates the error; {@code where} names the phase, as in Prometheus' "query was canceled in ...". */
  public QueryCanceledException(String where) {
    super("query was canceled in " + where);
  }
}
