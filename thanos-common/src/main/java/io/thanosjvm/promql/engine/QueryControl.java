package io.thanosjvm.promql.engine;

/** Lets a caller cancel a running query from another thread. */
public final class QueryControl {

  private volatile boolean canceled;

  /** Requests cancellation; the query fails with {@link io.thanosjvm.promql.QueryCanceledException}. */
  public void cancel() {
    canceled = true;
  }

  /** Whether cancellation was requested. */
  public boolean isCanceled() {
    return canceled;
  }
}
