package io.thanosjvm.block.deletion;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The querier's view of the bucket's deletion requests: the current {@link DeletionSet}, replaced by
 * {@link #refresh()} (on an interval and right after the querier records a request). A failed refresh keeps the
 * previous set. Memory is one small entry per request.
 */
public final class DeletionRequests implements Supplier<DeletionSet> {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionRequests.class);

  private final DeleteRequestStore store;
  private volatile DeletionSet current = DeletionSet.EMPTY;

  /** Requests read from {@code store}; empty until the first refresh. */
  public DeletionRequests(DeleteRequestStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The requests as of the last successful refresh. */
  @Override
  public DeletionSet get() {
    return current;
  }

  /** Re-reads the requests; returns whether it succeeded. */
  public synchronized boolean refresh() {
    try {
      current = DeletionSet.of(store.list());
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("reading deletion requests failed; keeping the previous {}: err={}", current.requests().size(),
          e.toString());
      return false;
    }
  }

  /** Records a request and refreshes, so the next query already hides it. */
  public void record(DeleteSeriesRequest request) throws IOException {
    store.record(request);
    if (!refresh()) {
      // the listing failed right after our own write: hide at least what we know was recorded
      synchronized (this) {
        java.util.List<DeleteSeriesRequest> all = new java.util.ArrayList<>(current.requests());
        all.removeIf(r -> r.requestId().equals(request.requestId()));
        all.add(request);
        current = DeletionSet.of(all);
      }
    }
  }
}
