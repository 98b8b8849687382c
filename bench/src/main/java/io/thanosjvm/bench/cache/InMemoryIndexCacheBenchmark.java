package io.thanosjvm.bench.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.store.cache.CacheKeys;
import io.thanosjvm.store.cache.InMemoryIndexCache;
import io.thanosjvm.store.cache.InMemoryIndexCacheConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * In-memory index cache throughput per item: multi-gets of 100 series refs or 100 postings label values that
 * all hit (or half hit), stores into a full cache (each store evicts), and the postings key derivation the
 * remote caches pay per item (BLAKE2b-256 + base64url). 50 000 series of {@code valueSize} bytes are cached
 * up front; the cache holds them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryIndexCacheBenchmark {

  static final String BLOCK = "01HQZ3D7X5RJ1K0000000000AA";
  static final int ITEMS = 50_000;
  static final int BATCH = 100;

  /** Bytes per cached value. */
  @Param({"64", "1024"})
  public int valueSize;

  InMemoryIndexCache cache;
  InMemoryIndexCache fullCache;
  long[][] seriesBatches;
  long[][] halfHitBatches;
  List<List<String>> postingsBatches;
  byte[] value;
  long nextRef;

  /** Fills the caches. */
  @Setup
  public void setup() {
    value = new byte[valueSize];
    long entry = 24 + 16 + valueSize;
    cache = new InMemoryIndexCache(new InMemoryIndexCacheConfig(ITEMS * 4 * (entry + 64), 1 << 20),
        new SimpleMeterRegistry());
    fullCache = new InMemoryIndexCache(new InMemoryIndexCacheConfig(ITEMS * entry, 1 << 20),
        new SimpleMeterRegistry());
    for (int i = 0; i < ITEMS; i++) {
      cache.storeSeries(BLOCK, i, value);
      cache.storePostings(BLOCK, "instance", "host-" + i, value);
      fullCache.storeSeries(BLOCK, i, value);
    }
    nextRef = ITEMS;
    int batches = ITEMS / BATCH;
    seriesBatches = new long[batches][BATCH];
    halfHitBatches = new long[batches][BATCH];
    postingsBatches = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<String> values = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        long ref = (b * 7919L + i * 104729L) % ITEMS;
        seriesBatches[b][i] = ref;
        halfHitBatches[b][i] = i % 2 == 0 ? ref : ITEMS + ref;
        values.add("host-" + ref);
      }
      postingsBatches.add(values);
    }
  }

  /** Per-thread position in the batches. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** Multi-get of 100 series refs, all hits. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Map<Long, byte[]> fetchSeriesAllHits(Cursor c) {
    return cache.fetchSeries(BLOCK, seriesBatches[(c.next++ & Integer.MAX_VALUE) % seriesBatches.length]);
  }

  /** Multi-get of 100 series refs, half of them misses. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Map<Long, byte[]> fetchSeriesHalfHits(Cursor c) {
    return cache.fetchSeries(BLOCK, halfHitBatches[(c.next++ & Integer.MAX_VALUE) % halfHitBatches.length]);
  }

  /** Multi-get of 100 postings label values, all hits. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Map<String, byte[]> fetchPostingsAllHits(Cursor c) {
    return cache.fetchPostings(BLOCK, "instance", postingsBatches.get((c.next++ & Integer.MAX_VALUE) % postingsBatches.size()));
  }

  /** Multi-get of 100 series refs from 4 threads at once (one lock). */
  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Map<Long, byte[]> fetchSeriesAllHits4Threads(Cursor c) {
    return cache.fetchSeries(BLOCK, seriesBatches[(c.next++ & Integer.MAX_VALUE) % seriesBatches.length]);
  }

  /** Store of a new series into a full cache: copy, insert and evict the least recently used. */
  @Benchmark
  public void storeSeriesEvicting() {
    fullCache.storeSeries(BLOCK, nextRef++, value);
  }

  /** The remote postings key of one label pair. */
  @Benchmark
  public String postingsKey(Cursor c) {
    return CacheKeys.postings(BLOCK, "instance", "host-" + (c.next++ & 1023), "dss");
  }
}
