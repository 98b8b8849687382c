package io.thanosjvm.block;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs object storage transfers with a bounded number in flight (Thanos' {@code --block-files-concurrency} and
 * {@code --compact.blocks-fetch-concurrency}). With a concurrency of 1 the tasks run one after the other on the
 * calling thread. Otherwise they run on short-lived daemon threads; the first failure cancels the tasks not yet
 * started, and the call returns only when no task is running any more, so a caller that cleans up after a
 * failure (deleting a partial upload, say) never races a transfer still in flight.
 */
public final class ParallelIo {

  /** One transfer. */
  @FunctionalInterface
  public interface IoTask {
    /** Runs the transfer. */
    void run() throws IOException;
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  private ParallelIo() {}

  /**
   * Runs every task with at most {@code concurrency} at a time and rethrows the first failure (in task order).
   *
   * @throws IllegalArgumentException when {@code concurrency} is not positive
   */
  public static void runAll(List<IoTask> tasks, int concurrency) throws IOException {
    if (concurrency <= 0) {
      throw new IllegalArgumentException("concurrency must be > 0, got " + concurrency);
    }
    if (concurrency == 1 || tasks.size() <= 1) {
      for (IoTask t : tasks) {
        t.run();
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), r -> {
      Thread t = new Thread(r, "block-io-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (IoTask t : tasks) {
        futures.add(pool.submit(() -> {
          try {
            t.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      for (Future<?> f : futures) {
        await(f, pool);
      }
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private static void await(Future<?> f, ExecutorService pool) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while transferring block files");
    } catch (ExecutionException e) {
      pool.shutdownNow();
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  /** Waits until the pool's threads have finished (transfers honour interrupts or their own timeouts). */
  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
