package io.thanosjvm.queryfrontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the sub-requests of one query with at most {@code maxParallelism} in flight
 * ({@code --query-range.max-query-parallelism}): the calling thread works too, and up to
 * {@code maxParallelism - 1} helpers from the shared executor take the next pending item, so a saturated
 * executor slows a query down but never deadlocks it.
 */
public final class ParallelRunner {

  private final Executor executor;
  private final int maxParallelism;

  /** Runs on {@code executor} with at most {@code maxParallelism} items of one call at once. */
  public ParallelRunner(Executor executor, int maxParallelism) {
    if (maxParallelism < 1) {
      throw new IllegalArgumentException("max query parallelism must be at least 1, got " + maxParallelism);
    }
    this.executor = executor;
    this.maxParallelism = maxParallelism;
  }

  /** Applies {@code work} to every item; the answers are in item order. */
  public <T, R> List<R> run(List<T> items, Function<T, R> work) {
    Object[] out = new Object[items.size()];
    RuntimeException[] failure = new RuntimeException[1];
    AtomicInteger nextItem = new AtomicInteger();
    int helpers = Math.min(maxParallelism, items.size()) - 1;
    CountDownLatch done = new CountDownLatch(helpers);
    Runnable worker = () -> {
      for (int i = nextItem.getAndIncrement(); i < out.length; i = nextItem.getAndIncrement()) {
        try {
          out[i] = work.apply(items.get(i));
        } catch (RuntimeException e) {
          synchronized (failure) {
            failure[0] = failure[0] == null ? e : failure[0];
          }
        }
      }
    };
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(() -> {
          try {
            worker.run();
          } finally {
            done.countDown();
          }
        });
      } catch (RejectedExecutionException full) {
        done.countDown();
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for sub-queries", e);
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    @SuppressWarnings("unchecked")
    List<R> result = (List<R>) new ArrayList<>(Arrays.asList(out));
    return result;
  }
}
