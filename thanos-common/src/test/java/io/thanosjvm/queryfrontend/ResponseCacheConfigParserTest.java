package io.thanosjvm.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.queryfrontend.cache.InvalidResponseCacheConfigException;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfig;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfigParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCacheConfigParserTest {

  @Test
  void inMemoryReadsThanosKeysAndWithoutASizeMeansNoCache() {
    ResponseCacheConfig c = ResponseCacheConfigParser.parse("""
        type: in-memory
        config:
          max_size: 512MB
          max_size_items: 100
          validity: 10m
        """).orElseThrow();
    assertThat(c.type()).isEqualTo(ResponseCacheConfig.Type.IN_MEMORY);
    assertThat(c.maxSizeBytes()).isEqualTo(512L << 20);
    assertThat(c.maxSizeItems()).isEqualTo(100);
    assertThat(c.validity()).isEqualTo(Duration.ofMinutes(10));
    assertThat(ResponseCacheConfigParser.parse("type: IN-MEMORY\nconfig:\n  validity: 1m\n")).isEmpty();
  }

  @Test
  void memcachedAndRedisReadTheClientKeysAndExpiration() {
    ResponseCacheConfig m = ResponseCacheConfigParser.parse("""
        type: MEMCACHED
        config:
          addresses: ["127.0.0.1:11211"]
          timeout: 1s
          max_item_size: 2MiB
          expiration: 0s
        """).orElseThrow();
    assertThat(m.memcached().addresses()).containsExactly("127.0.0.1:11211");
    assertThat(m.memcached().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(m.memcached().maxItemSize()).isEqualTo(2L << 20);
    assertThat(m.expiration()).as("0 means 24h").isEqualTo(Duration.ofHours(24));
    ResponseCacheConfig r = ResponseCacheConfigParser.parse("""
        type: redis
        config:
          addr: 127.0.0.1:6379
          db: 2
          expiration: 1h
        """).orElseThrow();
    assertThat(r.redis().addr()).isEqualTo("127.0.0.1:6379");
    assertThat(r.redis().db()).isEqualTo(2);
    assertThat(r.expiration()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void unknownTypesKeysAndBadValuesAreClearErrors() {
    for (List<String> bad : List.of(
        List.of("type: FIFO\n", "type FIFO is not supported"),
        List.of("config:\n  max_size: 1MB\n", "key 'type': missing"),
        List.of("type: IN-MEMORY\nconfig:\n  max_sise: 1MB\n", "key 'config.max_sise': unknown key"),
        List.of("type: IN-MEMORY\nconfig:\n  max_size: 12\n", "key 'config.max_size': not a byte size"),
        List.of("type: IN-MEMORY\nconfig:\n  max_size: 1MB\n  validity: soon\n", "key 'config.validity'"),
        List.of("type: MEMCACHED\nconfig:\n  addresses: []\n", "key 'config.addresses'"),
        List.of("type: MEMCACHED\nconfig:\n  addresses: [a:1]\n  timeoutt: 1s\n", "key 'config.timeoutt'"),
        List.of("type: REDIS\nconfig:\n  addr: a:1\n  expiration: -1h\n", "key 'config.expiration'"),
        List.of("type: REDIS\nconfig: [1]\n", "key 'config': expected a mapping"),
        List.of("type: REDIS\nextra: 1\n", "key 'extra': unknown key"),
        List.of("", "empty configuration"),
        List.of("type: [", "invalid YAML"))) {
      assertThatThrownBy(() -> ResponseCacheConfigParser.parse(bad.get(0))).as(bad.get(0))
          .isInstanceOf(InvalidResponseCacheConfigException.class)
          .hasMessageStartingWith("response cache config: ").hasMessageContaining(bad.get(1));
    }
  }
}
