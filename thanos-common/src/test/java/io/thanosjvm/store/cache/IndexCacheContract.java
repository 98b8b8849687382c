package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every index cache shares, run against the in-memory cache, real memcached and real Redis.
 * Remote writes are asynchronous, so stored items are awaited before they are asserted.
 */
abstract class IndexCacheContract {

  protected PrometheusMeterRegistry registry;
  protected IndexCache cache;

  /** Creates the cache under test from Thanos YAML, recording into {@code registry}. */
  protected abstract IndexCache newCache(PrometheusMeterRegistry registry) throws Exception;

  @BeforeEach
  void createCache() throws Exception {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    cache = newCache(registry);
  }

  @AfterEach
  void closeCache() throws Exception {
    if (cache instanceof AutoCloseable c) {
      c.close();
    }
  }

  /** A fresh ULID-shaped block id, so tests sharing a server never see each other's items. */
  static String newBlockId() {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    StringBuilder sb = new StringBuilder("01H");
    ThreadLocalRandom r = ThreadLocalRandom.current();
    while (sb.length() < 26) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  void awaitPostings(String block, String name, List<String> values) throws InterruptedException {
    await("postings " + name + "=" + values + " are stored",
        () -> cache.fetchPostings(block, name, values).size() == values.size());
  }

  void awaitSeries(String block, long[] refs) throws InterruptedException {
    await(refs.length + " series are stored", () -> cache.fetchSeries(block, refs).size() == refs.length);
  }

  static byte[] value(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  double sample(String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(registry.scrape());
    assertThat(m.find()).as("%s in scrape:%n%s", series, registry.scrape()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void anEmptyCacheMissesEverything() {
    String block = newBlockId();
    assertThat(cache.fetchPostings(block, "job", List.of("a", "b"))).isEmpty();
    assertThat(cache.fetchSeries(block, new long[] {1, 2, 3})).isEmpty();
    assertThat(cache.fetchPostings(block, "job", List.of())).isEmpty();
    assertThat(cache.fetchSeries(block, new long[0])).isEmpty();
  }

  @Test
  void storedPostingsAreFoundByLabelValueAndMissesAreAbsent() throws Exception {
    String block = newBlockId();
    cache.storePostings(block, "job", "api", value(10, 1));
    cache.storePostings(block, "job", "db", value(20, 2));
    cache.storePostings(block, "job", "", value(5, 3));
    cache.storePostings(block, "instance", "api", value(7, 4));
    awaitPostings(block, "job", List.of("api", "db", ""));
    awaitPostings(block, "instance", List.of("api"));

    Map<String, byte[]> hits = cache.fetchPostings(block, "job", List.of("api", "web", "db", "", "cache"));
    assertThat(hits).containsOnlyKeys("api", "db", "");
    assertThat(hits.get("api")).isEqualTo(value(10, 1));
    assertThat(hits.get("db")).isEqualTo(value(20, 2));
    assertThat(hits.get("")).isEqualTo(value(5, 3));
    assertThat(cache.fetchPostings(block, "instance", List.of("api", "db")).get("api")).isEqualTo(value(7, 4));
    assertThat(cache.fetchPostings(block, "instance", List.of("db"))).isEmpty();
  }

  @Test
  void aMultiGetOfManySeriesReturnsExactlyTheStoredOnes() throws Exception {
    String block = newBlockId();
    long[] stored = new long[300];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = 16L * i;
      cache.storeSeries(block, stored[i], value(50 + i, i));
    }
    awaitSeries(block, stored);
    long[] asked = new long[400];
    for (int i = 0; i < asked.length; i++) {
      asked[i] = 8L * i; // every other one was stored, up to ref 3192
    }
    Map<Long, byte[]> hits = cache.fetchSeries(block, asked);
    assertThat(hits).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(hits.get(16L * i)).as("series %d", 16L * i).isEqualTo(value(50 + i, i));
    }
  }

  @Test
  void blocksDoNotShareItems() throws Exception {
    String a = newBlockId();
    String b = newBlockId();
    cache.storeSeries(a, 42, value(8, 1));
    cache.storePostings(a, "n", "v", value(8, 2));
    awaitSeries(a, new long[] {42});
    awaitPostings(a, "n", List.of("v"));
    assertThat(cache.fetchSeries(b, new long[] {42})).isEmpty();
    assertThat(cache.fetchPostings(b, "n", List.of("v"))).isEmpty();
  }

  @Test
  void largeBinaryAndEmptyValuesRoundTripIntact() throws Exception {
    String block = newBlockId();
    byte[] large = value(1024 * 1024 + 17, 7); // over 1 MiB, every byte value including CR and LF
    byte[] framing = "END\r\nVALUE x 0 3\r\n$-1\r\n*2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    cache.storeSeries(block, 1, large);
    cache.storeSeries(block, 2, framing);
    cache.storeSeries(block, 3, new byte[0]);
    awaitSeries(block, new long[] {1, 2, 3});
    Map<Long, byte[]> hits = cache.fetchSeries(block, new long[] {3, 1, 2});
    assertThat(hits.get(1L)).isEqualTo(large);
    assertThat(hits.get(2L)).isEqualTo(framing);
    assertThat(hits.get(3L)).isEmpty();
  }

  @Test
  void labelValuesWithSpacesNewlinesAndUnicodeAreDistinctKeys() throws Exception {
    String block = newBlockId();
    List<String> values = new ArrayList<>(List.of("a b", "a\nb", "ä", "a", "日本語", "x".repeat(2000)));
    for (int i = 0; i < values.size(); i++) {
      cache.storePostings(block, "name with space", values.get(i), value(3, i));
    }
    awaitPostings(block, "name with space", values);
    Map<String, byte[]> hits = cache.fetchPostings(block, "name with space", values);
    for (int i = 0; i < values.size(); i++) {
      assertThat(hits.get(values.get(i))).isEqualTo(value(3, i));
    }
  }

  @Test
  void requestsAndHitsAreCountedPerItemType() throws Exception {
    String block = newBlockId();
    cache.storePostings(block, "job", "api", value(4, 1));
    cache.storeSeries(block, 9, value(4, 2));
    awaitPostings(block, "job", List.of("api"));
    awaitSeries(block, new long[] {9});
    double postingsRequests = sample("thanos_store_index_cache_requests_total{item_type=\"Postings\"}");
    double postingsHits = sample("thanos_store_index_cache_hits_total{item_type=\"Postings\"}");
    double seriesRequests = sample("thanos_store_index_cache_requests_total{item_type=\"Series\"}");
    double seriesHits = sample("thanos_store_index_cache_hits_total{item_type=\"Series\"}");

    cache.fetchPostings(block, "job", List.of("api", "db", "web"));
    cache.fetchSeries(block, new long[] {9, 10});

    assertThat(sample("thanos_store_index_cache_requests_total{item_type=\"Postings\"}") - postingsRequests)
        .isEqualTo(3);
    assertThat(sample("thanos_store_index_cache_hits_total{item_type=\"Postings\"}") - postingsHits).isEqualTo(1);
    assertThat(sample("thanos_store_index_cache_requests_total{item_type=\"Series\"}") - seriesRequests)
        .isEqualTo(2);
    assertThat(sample("thanos_store_index_cache_hits_total{item_type=\"Series\"}") - seriesHits).isEqualTo(1);
  }
}
