package io.thanosjvm.store.cachingbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingBucketTest {

  private static final String BLOCK = "01HZXT6Y8Q0000000000000000";
  private static final String CHUNKS = BLOCK + "/chunks/000001";

  @TempDir Path dir;

  private final byte[] data = new byte[100_000];
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CountingBucket bucket;
  private CachingBucket caching;

  @BeforeEach
  void setUp() throws Exception {
    new SplittableRandom(3).nextBytes(data);
    FilesystemBucket fs = new FilesystemBucket(dir.resolve("bucket"));
    fs.upload(CHUNKS, new ByteArrayInputStream(data), data.length);
    fs.upload(BLOCK + "/meta.json", new ByteArrayInputStream("{\"ulid\":1}".getBytes(StandardCharsets.UTF_8)), -1);
    bucket = new CountingBucket(fs);
    caching = new CachingBucket(bucket, new InMemoryBytesCache(64L << 20, 1L << 20, clock),
        CachingBucketSettings.defaults(), new CachingBucketMetrics(registry));
  }

  private byte[] range(long offset, long length) throws Exception {
    try (InputStream in = caching.getRange(CHUNKS, offset, length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void rangeReadsReturnTheObjectsBytesAndRepeatsComeFromTheCache() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    List<long[]> ranges = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long off = r.nextLong(data.length);
      long len = r.nextInt(5) == 0 ? -1 : r.nextLong(1, 40_000);
      ranges.add(new long[] {off, len});
    }
    ranges.add(new long[] {0, data.length + 10});
    ranges.add(new long[] {99_999, 1});
    for (long[] rg : ranges) {
      long end = rg[1] < 0 ? data.length : Math.min(data.length, rg[0] + rg[1]);
      assertThat(range(rg[0], rg[1])).as("[%d,+%d)", rg[0], rg[1])
          .isEqualTo(Arrays.copyOfRange(data, (int) rg[0], (int) end));
    }
    long fetches = bucket.count("getRange:");
    assertThat(fetches).as("subranges fetched once").isPositive().isLessThanOrEqualTo(7);
    for (long[] rg : ranges) {
      range(rg[0], rg[1]);
    }
    assertThat(bucket.count("getRange:")).as("everything cached now").isEqualTo(fetches);
    assertThat(bucket.count("attributes:")).as("the object size is cached too").isEqualTo(1);
    assertThat(registry.get("thanos_store_bucket_cache_operation_hits").tag("operation", "get_range").counter()
        .count()).isPositive();
  }

  @Test
  void missingSubrangesAreFetchedWithAtMostThreeRangeReads() throws Exception {
    // cache subranges 1, 3, 5 and 7 (16000-byte pieces), then read 0..6: four gaps, three requests
    for (int s : new int[] {1, 3, 5}) {
      range(s * 16_000L, 1);
    }
    bucket.reads.clear();
    assertThat(range(0, 6 * 16_000 + 50)).isEqualTo(Arrays.copyOfRange(data, 0, 6 * 16_000 + 50));
    assertThat(bucket.reads).filteredOn(x -> x.startsWith("getRange:")).hasSize(3);
  }

  @Test
  void metaFilesAreCachedIncludingTheirAbsenceUntilTheirTtlEnds() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (InputStream in = caching.get(BLOCK + "/meta.json")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ulid\":1}");
      }
      assertThatThrownBy(() -> caching.get(BLOCK + "/deletion-mark.json"))
          .isInstanceOf(ObjectNotFoundException.class);
      assertThat(caching.isObjNotFound(catchNotFound())).isTrue();
    }
    assertThat(bucket.count("get:" + BLOCK + "/meta.json")).isEqualTo(1);
    assertThat(bucket.count("get:" + BLOCK + "/deletion-mark.json")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(16)); // past metafile_doesnt_exist_ttl (15m), within the content TTL
    assertThatThrownBy(() -> caching.get(BLOCK + "/deletion-mark.json")).isInstanceOf(ObjectNotFoundException.class);
    caching.get(BLOCK + "/meta.json").close();
    assertThat(bucket.count("get:" + BLOCK + "/deletion-mark.json")).isEqualTo(2);
    assertThat(bucket.count("get:" + BLOCK + "/meta.json")).isEqualTo(1);
    assertThat(caching.exists(BLOCK + "/meta.json")).isTrue();
    assertThat(caching.exists(BLOCK + "/meta.json")).isTrue();
    assertThat(bucket.count("exists:")).isEqualTo(1);
  }

  private Exception catchNotFound() {
    try {
      caching.get(BLOCK + "/no-compact-mark.json");
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void theTopLevelListingIsReusedForItsTtlAndOtherCallsPassThrough() throws Exception {
    List<String> first = new ArrayList<>();
    caching.iter("", first::add, IterOptions.flat());
    List<String> second = new ArrayList<>();
    caching.iter("", second::add, IterOptions.flat());
    assertThat(second).isEqualTo(first).containsExactly(BLOCK + "/");
    assertThat(bucket.count("iter:")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(6));
    caching.iter("", x -> { }, IterOptions.flat());
    caching.iter(BLOCK, x -> { }, IterOptions.flat());
    assertThat(bucket.count("iter:")).as("expired after 5m; block dirs are never cached").isEqualTo(3);
    caching.get(CHUNKS).close();
    caching.get(CHUNKS).close();
    assertThat(bucket.count("get:" + CHUNKS)).as("whole-object reads of chunks are not cached").isEqualTo(2);
  }

  @Test
  void theInMemoryCacheEvictsLeastRecentlyUsedEntriesBeyondItsSize() {
    InMemoryBytesCache cache = new InMemoryBytesCache(3 * (InMemoryBytesCache.ENTRY_OVERHEAD + 2 + 100), 1000, clock);
    for (String k : new String[] {"a", "b", "c"}) {
      cache.setAsync(k, new byte[100], Duration.ofMinutes(1));
    }
    assertThat(cache.getMulti(List.of("a"))).containsKey("a");
    cache.setAsync("d", new byte[100], Duration.ofMinutes(1));
    assertThat(cache.getMulti(List.of("a", "b", "c", "d")).keySet()).containsExactlyInAnyOrder("a", "c", "d");
    cache.setAsync("big", new byte[1001], Duration.ofMinutes(1));
    assertThat(cache.getMulti(List.of("big"))).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(cache.getMulti(List.of("a", "c", "d"))).isEmpty();
    assertThat(cache.size()).isZero();
  }
}
