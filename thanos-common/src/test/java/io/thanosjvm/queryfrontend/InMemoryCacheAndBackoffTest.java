package io.thanosjvm.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.queryfrontend.cache.InMemoryResponseCache;
import io.thanosjvm.queryfrontend.cache.RemoteResponseCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InMemoryCacheAndBackoffTest {

  @Test
  void inMemoryCacheEvictsLeastRecentlyUsedByCountAndBytesAndExpiresAfterValidity() {
    MutableClock clock = new MutableClock(Instant.EPOCH);
    InMemoryResponseCache byCount = new InMemoryResponseCache(0, 2, Duration.ofMinutes(1), clock);
    byCount.store("a", new byte[10]);
    byCount.store("b", new byte[10]);
    byCount.fetch(List.of("a"));
    byCount.store("c", new byte[10]);
    assertThat(byCount.fetch(List.of("a", "b", "c")).keySet()).containsExactlyInAnyOrder("a", "c");
    clock.advance(Duration.ofMinutes(1));
    assertThat(byCount.fetch(List.of("a", "c"))).isEmpty();

    InMemoryResponseCache byBytes = new InMemoryResponseCache(300, 0, Duration.ZERO, clock);
    byBytes.store("x", new byte[100]);
    byBytes.store("y", new byte[100]);
    assertThat(byBytes.size()).isEqualTo(1);
    byBytes.store("huge", new byte[1000]);
    assertThat(byBytes.fetch(List.of("y", "huge")).keySet()).containsExactly("y");
  }

  @Test
  void backoffGrowsFromTwoHundredMillisecondsToTwoSecondsWithJitter() {
    Backoff b = Backoff.thanos(new Random(7));
    for (int i = 0; i < 100; i++) {
      assertThat(b.delayMillis(1)).isBetween(200L, 399L);
      assertThat(b.delayMillis(2)).isBetween(400L, 799L);
      assertThat(b.delayMillis(3)).isBetween(800L, 1599L);
      assertThat(b.delayMillis(4)).isBetween(1600L, 2000L);
      assertThat(b.delayMillis(9)).isEqualTo(2000L);
    }
  }

  @Test
  void memcachedKeysAreFnv64aHexDigests() {
    assertThat(RemoteResponseCache.fnv64aHex("")).isEqualTo("cbf29ce484222325");
    assertThat(RemoteResponseCache.fnv64aHex("a")).isEqualTo("af63dc4c8601ec8c");
    assertThat(RemoteResponseCache.fnv64aHex("foobar")).isEqualTo("85944171f73967e8");
  }

  @Test
  void cacheKeysFollowThanosLayout() {
    RangeRequest r = new RangeRequest("up", 86_400_000L * 3 + 30_000, 86_400_000L * 3 + 90_000, 30_000, true,
        false, 300_000, List.of("replica", "prom"), List.of(), "prometheus", 0, false, java.util.Map.of());
    assertThat(CacheKey.of(r, "t1", 86_400_000L))
        .isEqualTo("fe:t1:up:30000:86400000:3:1:-:0:prometheus:false:prom,replica:false");
  }

  @Test
  void aStartOffTheStepGridAddsItsPhaseToTheKey() {
    RangeRequest r = new RangeRequest("up", 86_400_000L * 3 + 5, 86_400_000L * 3 + 60_005, 30_000, true, false,
        300_000, List.of("replica", "prom"), List.of(), "prometheus", 0, false, java.util.Map.of());
    assertThat(CacheKey.of(r, "t1", 86_400_000L))
        .isEqualTo("fe:t1:up:30000:86400000:3:1:-:0:prometheus:false:prom,replica:false:5");
  }
}
