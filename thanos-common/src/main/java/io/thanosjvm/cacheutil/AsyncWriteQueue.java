package io.thanosjvm.cacheutil;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded background writer of a remote cache client ({@code max_async_concurrency} daemon threads over a
 * queue of {@code max_async_buffer_size} writes): {@link #offer} never blocks, it reports a full queue instead.
 */
final class AsyncWriteQueue implements AutoCloseable {

  private final ThreadPoolExecutor executor;

  AsyncWriteQueue(String name, int concurrency, int bufferSize) {
    if (concurrency <= 0) {
      throw new IllegalArgumentException("max async concurrency must be positive, got " + concurrency);
    }
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("max async buffer size must be positive, got " + bufferSize);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, name + "-async-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    executor = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(bufferSize), threads, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /** Queues {@code write}; false when the buffer is full or the queue is closed. */
  boolean offer(Runnable write) {
    try {
      executor.execute(write);
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /** Returns the number of queued writes not yet started. */
  int pending() {
    return executor.getQueue().size();
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
