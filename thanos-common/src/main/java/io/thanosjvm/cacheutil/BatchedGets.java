package io.thanosjvm.cacheutil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the batches of one multi-get, concurrently when there are several, with at most
 * {@code max_get_multi_concurrency} batches in flight across the client (0 = unlimited, though at most 64
 * background threads), and merges the hits. A single batch runs on the caller's thread.
 */
final class BatchedGets implements AutoCloseable {

  /** Threads used when the concurrency is unlimited (0): batches beyond it wait in the queue. */
  static final int UNLIMITED_THREADS = 64;

  private final ExecutorService executor;
  private final Semaphore gate;

  BatchedGets(String name, int maxConcurrency) {
    AtomicInteger n = new AtomicInteger();
    int threads = maxConcurrency > 0 ? maxConcurrency : UNLIMITED_THREADS;
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name + "-get-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
    this.gate = maxConcurrency > 0 ? new Semaphore(maxConcurrency) : null;
  }

  /** Fetches every batch with {@code fetch} (which must not throw) and returns all hits. */
  <B> Map<String, byte[]> run(List<B> batches, Function<B, Map<String, byte[]>> fetch) {
    if (batches.isEmpty()) {
      return new HashMap<>();
    }
    if (batches.size() == 1) {
      return new HashMap<>(gated(batches.get(0), fetch));
    }
    List<Future<Map<String, byte[]>>> futures = new ArrayList<>(batches.size());
    for (B batch : batches) {
      futures.add(executor.submit(() -> gated(batch, fetch)));
    }
    Map<String, byte[]> hits = new HashMap<>();
    for (Future<Map<String, byte[]>> f : futures) {
      try {
        hits.putAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return hits;
      } catch (ExecutionException e) {
        // fetch never throws; a failed batch is simply a miss
      }
    }
    return hits;
  }

  private <B> Map<String, byte[]> gated(B batch, Function<B, Map<String, byte[]>> fetch) {
    if (gate == null) {
      return fetch.apply(batch);
    }
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    try {
      return fetch.apply(batch);
    } finally {
      gate.release();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
