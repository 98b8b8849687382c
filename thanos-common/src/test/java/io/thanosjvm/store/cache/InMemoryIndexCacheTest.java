package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The in-memory LRU: byte bound, eviction order, overflow, copying, thread safety and Thanos' metrics. */
class InMemoryIndexCacheTest {

  private static final String BLOCK = "01HQZ3D7X5RJ1K0000000000AA";
  private static final String OTHER = "01HQZ3D7X5RJ1K0000000000BB";
  /** A series entry with a 60-byte value weighs 24 (key) + 16 (slice header) + 60 = 100 bytes. */
  private static final int SERIES_VALUE = 60;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private InMemoryIndexCache cache(long maxSize, long maxItemSize) {
    return new InMemoryIndexCache(new InMemoryIndexCacheConfig(maxSize, maxItemSize), registry);
  }

  private static byte[] bytes(int n, int fill) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  private double sample(String metric, String itemType) {
    String series = itemType == null ? metric : metric + "{item_type=\"" + itemType + "\"}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(registry.scrape());
    assertThat(m.find()).as("%s in scrape:%n%s", series, registry.scrape()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void fetchReturnsOnlyHitsPerBlockAndLabelName() {
    InMemoryIndexCache c = cache(1 << 20, 1 << 19);
    c.storePostings(BLOCK, "job", "api", new byte[] {1});
    c.storePostings(BLOCK, "job", "db", new byte[] {2});
    c.storePostings(OTHER, "job", "web", new byte[] {3});
    c.storePostings(BLOCK, "instance", "web", new byte[] {4});

    Map<String, byte[]> hits = c.fetchPostings(BLOCK, "job", List.of("api", "web", "db", "none"));
    assertThat(hits).containsOnlyKeys("api", "db");
    assertThat(hits.get("api")).containsExactly(1);
    assertThat(hits.get("db")).containsExactly(2);

    c.storeSeries(BLOCK, 16, new byte[] {5, 6});
    c.storeSeries(OTHER, 32, new byte[] {7});
    Map<Long, byte[]> series = c.fetchSeries(BLOCK, new long[] {16, 32, 48});
    assertThat(series).containsOnlyKeys(16L);
    assertThat(series.get(16L)).containsExactly(5, 6);
    assertThat(c.fetchSeries(OTHER, new long[] {32})).containsOnlyKeys(32L);
  }

  @Test
  void evictsTheLeastRecentlyUsedWhenTheByteBoundIsReached() {
    InMemoryIndexCache c = cache(300, 200);
    c.storeSeries(BLOCK, 1, bytes(SERIES_VALUE, 1));
    c.storeSeries(BLOCK, 2, bytes(SERIES_VALUE, 2));
    c.storeSeries(BLOCK, 3, bytes(SERIES_VALUE, 3));
    assertThat(c.size()).isEqualTo(300);
    assertThat(c.fetchSeries(BLOCK, new long[] {1})).containsOnlyKeys(1L); // 1 is now the most recent

    c.storeSeries(BLOCK, 4, bytes(SERIES_VALUE, 4));
    assertThat(c.fetchSeries(BLOCK, new long[] {1, 2, 3, 4})).containsOnlyKeys(1L, 3L, 4L);
    assertThat(c.size()).isEqualTo(300);
    assertThat(sample("thanos_store_index_cache_items_evicted_total", "Series")).isEqualTo(1);

    // a bigger item evicts as many of the oldest as needed
    c.storePostings(BLOCK, "a", "b", bytes(100, 9)); // 48 + 2 + 16 + 100 = 166 bytes
    assertThat(c.fetchSeries(BLOCK, new long[] {1, 3, 4})).containsOnlyKeys(4L);
    assertThat(c.size()).isEqualTo(266);
  }

  @Test
  void refusesItemsAboveTheItemLimitAndCountsThemOverflowed() {
    InMemoryIndexCache c = cache(1000, 100);
    c.storeSeries(BLOCK, 1, bytes(SERIES_VALUE + 1, 1)); // 101 bytes
    c.storeSeries(BLOCK, 2, bytes(SERIES_VALUE, 2)); // exactly 100: fits
    assertThat(c.fetchSeries(BLOCK, new long[] {1, 2})).containsOnlyKeys(2L);
    assertThat(sample("thanos_store_index_cache_items_overflowed_total", "Series")).isEqualTo(1);
    assertThat(sample("thanos_store_index_cache_items_added_total", "Series")).isEqualTo(1);
    assertThat(c.size()).isEqualTo(100);
  }

  @Test
  void keepsTheFirstValueOfAKeyAndCopiesWhatItStores() {
    InMemoryIndexCache c = cache(1000, 500);
    byte[] value = {1, 2, 3};
    c.storePostings(BLOCK, "n", "v", value);
    value[0] = 42;
    c.storePostings(BLOCK, "n", "v", new byte[] {9});
    assertThat(c.fetchPostings(BLOCK, "n", List.of("v")).get("v")).containsExactly(1, 2, 3);
    assertThat(sample("thanos_store_index_cache_items_added_total", "Postings")).isEqualTo(1);
  }

  @Test
  void exportsThanosMetricNamesWithItemTypeLabels() {
    InMemoryIndexCache c = cache(10_000, 5_000);
    for (String type : new String[] {"Postings", "Series"}) {
      for (String metric : new String[] {"thanos_store_index_cache_requests_total",
          "thanos_store_index_cache_hits_total", "thanos_store_index_cache_items_added_total",
          "thanos_store_index_cache_items_evicted_total", "thanos_store_index_cache_items_overflowed_total",
          "thanos_store_index_cache_items", "thanos_store_index_cache_items_size_bytes",
          "thanos_store_index_cache_total_size_bytes"}) {
        assertThat(sample(metric, type)).as(metric).isZero();
      }
    }
    assertThat(sample("thanos_store_index_cache_max_size_bytes", null)).isEqualTo(10_000);
    assertThat(sample("thanos_store_index_cache_max_item_size_bytes", null)).isEqualTo(5_000);

    c.storePostings(BLOCK, "job", "api", bytes(10, 1)); // value 26, key 48 + 3 + 3 = 54
    c.storeSeries(BLOCK, 7, bytes(20, 1)); // value 36, key 24
    c.fetchPostings(BLOCK, "job", List.of("api", "db", "web"));
    c.fetchSeries(BLOCK, new long[] {7, 8});

    assertThat(sample("thanos_store_index_cache_requests_total", "Postings")).isEqualTo(3);
    assertThat(sample("thanos_store_index_cache_hits_total", "Postings")).isEqualTo(1);
    assertThat(sample("thanos_store_index_cache_requests_total", "Series")).isEqualTo(2);
    assertThat(sample("thanos_store_index_cache_hits_total", "Series")).isEqualTo(1);
    assertThat(sample("thanos_store_index_cache_items", "Postings")).isEqualTo(1);
    assertThat(sample("thanos_store_index_cache_items_size_bytes", "Postings")).isEqualTo(26);
    assertThat(sample("thanos_store_index_cache_total_size_bytes", "Postings")).isEqualTo(80);
    assertThat(sample("thanos_store_index_cache_items_size_bytes", "Series")).isEqualTo(36);
    assertThat(sample("thanos_store_index_cache_total_size_bytes", "Series")).isEqualTo(60);
    assertThat(registry.scrape())
        .contains("# TYPE thanos_store_index_cache_requests_total counter")
        .contains("# TYPE thanos_store_index_cache_items gauge");
  }

  @Test
  void rejectsAnItemLimitAboveTheCacheSize() {
    assertThatThrownBy(() -> new InMemoryIndexCacheConfig(100, 101))
        .hasMessageContaining("max item size (101) cannot be bigger than overall cache size (100)");
    assertThatThrownBy(() -> new InMemoryIndexCacheConfig(-1, -1)).hasMessageContaining("negative");
    assertThat(InMemoryIndexCacheConfig.ofMaxSize(1000)).isEqualTo(new InMemoryIndexCacheConfig(1000, 1000));
    assertThat(InMemoryIndexCacheConfig.defaults().maxSize()).isEqualTo(250L << 20);
  }

  @Test
  void staysWithinItsBoundUnderConcurrentUse() throws Exception {
    InMemoryIndexCache c = cache(20_000, 2_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < 20_000; i++) {
            long ref = r.nextInt(1000);
            if (r.nextBoolean()) {
              c.storeSeries(BLOCK, ref, bytes((int) (ref % 300), (int) ref));
            } else {
              Map<Long, byte[]> hits = c.fetchSeries(BLOCK, new long[] {ref});
              if (hits.containsKey(ref)) {
                assertThat(hits.get(ref)).isEqualTo(bytes((int) (ref % 300), (int) ref));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c.size()).isLessThanOrEqualTo(20_000);
    assertThat(sample("thanos_store_index_cache_total_size_bytes", "Series")).isEqualTo(c.size());
    assertThat(sample("thanos_store_index_cache_items_added_total", "Series")
        - sample("thanos_store_index_cache_items_evicted_total", "Series"))
        .isEqualTo(sample("thanos_store_index_cache_items", "Series"));
  }
}
