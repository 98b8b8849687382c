package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.cacheutil.CacheServerProcess;
import io.thanosjvm.cacheutil.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index cache contract on a real Redis 7 that only speaks TLS and requires client certificates (mutual TLS),
 * configured with Thanos' {@code tls_enabled}/{@code tls_config} keys. Certificates are made for the test with
 * openssl: the server's names {@code redis.test} only, so the client reaches 127.0.0.1 with {@code server_name}.
 */
class RedisTlsIndexCacheContractTest extends IndexCacheContract {

  @TempDir
  static Path dir;

  private static TestCertificates certs;
  private static CacheServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    certs = TestCertificates.create(dir.resolve("pki"));
    server = CacheServerProcess.redisTls(certs);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String yaml(String tlsConfig) {
    return """
        type: REDIS
        config:
          addr: %s
          dial_timeout: 5s
          read_timeout: 5s
          tls_enabled: true
          tls_config:
        %s
        ttl: 10m
        """.formatted(server.address(), tlsConfig);
  }

  private static String mutual(String extra) {
    return """
            ca_file: %s
            cert_file: %s
            key_file: %s
        %s""".formatted(certs.ca(), certs.clientCert(), certs.clientKey(), extra);
  }

  @Override
  protected IndexCache newCache(PrometheusMeterRegistry registry) {
    return IndexCaches.create(yaml(mutual("    server_name: " + TestCertificates.SERVER_NAME + "\n")), 0, registry);
  }

  private void assertOnlyMisses(String tlsConfig) throws Exception {
    RemoteIndexCache c = (RemoteIndexCache) IndexCaches.create(yaml(tlsConfig), 0, registry);
    try {
      String block = newBlockId();
      cache.storeSeries(block, 1, value(8, 1));
      awaitSeries(block, new long[] {1});
      assertThat(c.fetchSeries(block, new long[] {1})).isEmpty();
      assertThat(registry.scrape()).containsPattern("thanos_redis_operation_failures_total\\{name=\"index-cache\","
          + "operation=\"getmulti\",reason=\"(network|server)-error\"} [1-9]");
    } finally {
      c.close();
    }
  }

  @Test
  void aClientWithoutCertificateIsRefusedAndGetsMisses() throws Exception {
    assertOnlyMisses("""
            ca_file: %s
            server_name: %s
        """.formatted(certs.ca(), TestCertificates.SERVER_NAME));
  }

  @Test
  void aServerCertificateNotNamingTheAddressIsRejectedWithoutServerName() throws Exception {
    assertOnlyMisses(mutual(""));
  }

  @Test
  void aServerCertificateFromAnUnknownCaIsRejected() throws Exception {
    // without ca_file the JVM's default trust store is used, which does not know the test CA
    assertOnlyMisses("""
            cert_file: %s
            key_file: %s
            server_name: %s
        """.formatted(certs.clientCert(), certs.clientKey(), TestCertificates.SERVER_NAME));
  }

  @Test
  void insecureSkipVerifyAcceptsTheServerWithoutCaOrName() throws Exception {
    RemoteIndexCache c = (RemoteIndexCache) IndexCaches.create(yaml("""
            cert_file: %s
            key_file: %s
            insecure_skip_verify: true
        """.formatted(certs.clientCert(), certs.clientKey())), 0, registry);
    try {
      String block = newBlockId();
      c.storeSeries(block, 2, value(9, 2));
      await("stored without verification", () -> cache.fetchSeries(block, new long[] {2}).size() == 1);
    } finally {
      c.close();
    }
  }
}
