package io.thanosjvm.cacheutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Thanos' redis client keys: standalone, cluster and Sentinel addresses, TLS, defaults and refusals. */
class RedisClientConfigTest {

  private static RedisClientConfig parse(String yaml) {
    Map<?, ?> map = new Yaml().load(yaml);
    return CacheClientConfigParser.redis(new CacheConfigNode("test config", "config", map));
  }

  @Test
  void everyThanosKeyIsReadWithThanosDefaultsForTheRest() {
    RedisClientConfig c = parse("""
        addr: r:6379
        username: u
        password: p
        db: 2
        dial_timeout: 1s
        read_timeout: 2s
        write_timeout: 4s
        max_get_multi_concurrency: 3
        get_multi_batch_size: 7
        max_set_multi_concurrency: 5
        set_multi_batch_size: 9
        max_async_concurrency: 2
        max_async_buffer_size: 50
        cache_size: 0
        master_name: ""
        """);
    assertThat(c.mode()).isEqualTo(RedisClientConfig.Mode.STANDALONE);
    assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.maxSetMultiConcurrency()).isEqualTo(5);
    assertThat(c.setMultiBatchSize()).isEqualTo(9);
    assertThat(c.tlsEnabled()).isFalse();
    RedisClientConfig d = parse("addr: r:6379\n");
    assertThat(d).isEqualTo(RedisClientConfig.defaults("r:6379"));
    assertThat(List.of(d.dialTimeout(), d.readTimeout(), d.writeTimeout()))
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(List.of(d.maxGetMultiConcurrency(), d.getMultiBatchSize(), d.maxSetMultiConcurrency(),
        d.setMultiBatchSize(), d.maxAsyncConcurrency(), d.maxAsyncBufferSize()))
        .containsExactly(100, 100, 100, 100, 20, 10_000);
  }

  @Test
  void severalAddressesAreAClusterAndAMasterNameMakesThemSentinels() {
    RedisClientConfig cluster = parse("addr: a:7000, b:7001,c:7002\npassword: p\n");
    assertThat(cluster.mode()).isEqualTo(RedisClientConfig.Mode.CLUSTER);
    assertThat(cluster.addresses()).containsExactly("a:7000", "b:7001", "c:7002");
    List<RedisURI> nodes = RedisConnector.uris(cluster);
    assertThat(nodes).extracting(RedisURI::getHost).containsExactly("a", "b", "c");
    assertThat(nodes).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);

    RedisClientConfig sentinel = parse("addr: s1:26379,s2:26379\nmaster_name: mymaster\ndb: 3\n");
    assertThat(sentinel.mode()).isEqualTo(RedisClientConfig.Mode.SENTINEL);
    List<RedisURI> uris = RedisConnector.uris(sentinel);
    assertThat(uris).hasSize(1);
    assertThat(uris.get(0).getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(uris.get(0).getSentinels()).extracting(RedisURI::getHost).containsExactly("s1", "s2");
    assertThat(uris.get(0).getDatabase()).isEqualTo(3);

    assertThatThrownBy(() -> parse("addr: a:1,b:2\ndb: 1\n")).isInstanceOf(InvalidCacheConfigException.class)
        .hasMessageContaining("test config: key 'config'").hasMessageContaining("only has db 0");
    assertThatThrownBy(() -> parse("addr: a:1,,b:2\n")).hasMessageContaining("empty address");
    assertThatThrownBy(() -> parse("addr: a\n")).hasMessageContaining("is not host:port");
  }

  @Test
  void tlsConfigIsReadAndCheckedAsThanosDoes() throws Exception {
    java.nio.file.Path ca = java.nio.file.Files.createTempFile("ca", ".crt");
    try {
      RedisClientConfig c = parse("""
          addr: r:6380
          tls_enabled: true
          tls_config:
            ca_file: %s
            server_name: redis.example
            insecure_skip_verify: false
            min_version: TLS12
          """.formatted(ca));
      assertThat(c.tlsEnabled()).isTrue();
      assertThat(c.tls()).isEqualTo(new RedisTlsConfig(ca.toString(), "", "", "redis.example", false, "TLS12"));
      assertThat(c.tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
      RedisURI uri = RedisConnector.uris(c).get(0);
      assertThat(uri.isSsl()).isTrue();
      assertThat(uri.isVerifyPeer()).isTrue();
      assertThat(RedisConnector.uris(parse("addr: r:1\ntls_enabled: true\ntls_config:\n  insecure_skip_verify: true\n"))
          .get(0).getVerifyMode()).isEqualTo(io.lettuce.core.SslVerifyMode.NONE);
    } finally {
      java.nio.file.Files.delete(ca);
    }
    assertThatThrownBy(() -> parse("addr: r:1\ntls_config:\n  key_file: k\n"))
        .hasMessageContaining("key 'config.tls_config'").hasMessageContaining("both client key and certificate");
    assertThatThrownBy(() -> parse("addr: r:1\ntls_enabled: true\ntls_config:\n  ca_file: /nonexistent/ca.crt\n"))
        .hasMessageContaining("key 'config.tls_config'").hasMessageContaining("cannot read /nonexistent/ca.crt");
    assertThatThrownBy(() -> parse("addr: r:1\ntls_config:\n  min_version: SSL3\n"))
        .hasMessageContaining("unknown TLS version");
  }

  @Test
  void unknownKeysAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> parse("addr: r:1\nmaster: m\n")).isInstanceOf(InvalidCacheConfigException.class)
        .hasMessageContaining("test config: key 'config.master'").hasMessageContaining("unknown key");
    assertThatThrownBy(() -> parse("addr: r:1\nset_async_circuit_breaker_config:\n  enabled: true\n"))
        .hasMessageContaining("key 'config.set_async_circuit_breaker_config'").hasMessageContaining("not supported");
  }
}
