package io.thanosjvm.store.cachingbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.store.cache.IndexCacheType;
import io.thanosjvm.store.cache.InvalidIndexCacheConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachingBucketConfigParserTest {

  @Test
  void defaultsFollowThanos() {
    var c = CachingBucketConfigParser.parse("type: IN-MEMORY\nconfig:\n  max_size: 64MB\n  max_item_size: 1MB\n");
    assertThat(c.backend().type()).isEqualTo(IndexCacheType.IN_MEMORY);
    assertThat(c.backend().inMemory().maxSize()).isEqualTo(64L << 20);
    assertThat(c.settings()).isEqualTo(CachingBucketSettings.defaults());
    assertThat(c.settings().chunkSubrangeSize()).isEqualTo(16_000);
    assertThat(c.settings().blocksIterTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void tuningKeysAndClientKeysAreRead() {
    var c = CachingBucketConfigParser.parse("""
        type: memcached
        config:
          addresses: [127.0.0.1:11211]
          timeout: 1s
        chunk_subrange_size: 8000
        max_chunks_get_range_requests: 5
        chunk_subrange_ttl: 1h
        metafile_max_size: 2MiB
        """);
    assertThat(c.backend().memcached().addresses()).containsExactly("127.0.0.1:11211");
    assertThat(c.settings().chunkSubrangeSize()).isEqualTo(8000);
    assertThat(c.settings().maxChunksGetRangeRequests()).isEqualTo(5);
    assertThat(c.settings().chunkSubrangeTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(c.settings().metafileMaxSize()).isEqualTo(2L << 20);
  }

  @Test
  void badConfigurationsNameTheKey() {
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: GROUPCACHE\nconfig: {}\n"))
        .isInstanceOf(InvalidIndexCacheConfigException.class).hasMessageContaining("'type'");
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: IN-MEMORY\nchunk_subrange_ttl: soon\n"))
        .hasMessageContaining("'chunk_subrange_ttl'");
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: IN-MEMORY\nttl: 1h\n"))
        .hasMessageContaining("'ttl'");
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: IN-MEMORY\nchunk_subrange_size: 0\n"))
        .hasMessageContaining("chunk_subrange_size must be positive");
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: REDIS\nconfig: {}\n"))
        .hasMessageContaining("caching bucket config").hasMessageContaining("addr");
    assertThatThrownBy(() -> CachingBucketConfigParser.parse("type: IN-MEMORY\nbogus: 1\n"))
        .hasMessageContaining("bogus");
  }
}
