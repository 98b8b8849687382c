package io.thanosjvm.objstore.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads and reads back objects of mixed sizes through {@link FaultInjectingProxy} in front of a real S3
 * server (S3Proxy): injected 500/503 answers, stalls past the client timeout and bodies cut mid-way must
 * all be absorbed by retries, with every object intact and the retries visible in the metrics.
 */
class FaultToleranceTest {

  private static final long SEED = 20261125L;
  private static final int[] SIZES = {
    0, 1, 17, 1000, 4096, 65_536, 100_000, 262_144, 500_000, 1 << 20, 1_500_000, 2 << 20,
    3_000_000, 4 << 20, 5 << 20, (5 << 20) + 1, 6_000_000, 7 << 20, 12_345, 777
  };

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void everyObjectSurvivesInjectedFaultsIntact() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3"));
        FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), SEED, 0.15, 0.03, 0.12,
            Duration.ofMillis(2500))) {
      server.createBucket("faults");
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      String yaml = String.join("\n",
          "type: S3",
          "config:",
          "  bucket: faults",
          "  endpoint: 127.0.0.1:" + proxy.port(),
          "  insecure: true",
          "  bucket_lookup_type: path",
          "  access_key: " + S3ProxyServer.ACCESS_KEY,
          "  secret_key: " + S3ProxyServer.SECRET_KEY,
          "  part_size: 5242880",
          "  max_retries: 25",
          "  http_config:",
          "    response_header_timeout: 1s",
          "prefix: blocks");
      Map<String, String> expected = new LinkedHashMap<>();
      try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromString(yaml), registry,
          Clock.systemUTC(), new BucketFactory.Settings(dir.resolve("spool"), Duration.ofMillis(10),
              Duration.ofMillis(200)))) {
        Random random = new Random(SEED);
        for (int i = 0; i < SIZES.length; i++) {
          byte[] content = new byte[SIZES[i]];
          random.nextBytes(content);
          String name = "01TEST/chunks/" + String.format("%06d", i);
          InputStream source = i % 2 == 0 ? new ByteArrayInputStream(content) : oneShot(content);
          bucket.upload(name, source, i % 2 == 0 ? content.length : -1);
          expected.put(name, sha256(content));
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
          try (InputStream in = bucket.get(e.getKey())) {
            assertThat(sha256(in.readAllBytes())).as(e.getKey()).isEqualTo(e.getValue());
          }
        }
        List<String> listed = new ArrayList<>();
        bucket.iter("01TEST/chunks", listed::add, IterOptions.flat());
        assertThat(listed).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
          assertThat(bucket.attributes(name).size()).isEqualTo(sizeOf(name));
        }
        String largest = "01TEST/chunks/000017";
        try (InputStream in = bucket.getRange(largest, 1_000_000, 3_000_000)) {
          assertThat(in.readAllBytes()).hasSize(3_000_000);
        }
      }
      proxy.enabled(false);
      assertThat(proxy.count(FaultInjectingProxy.Fault.SLOW_DOWN_503)).isPositive();
      assertThat(proxy.count(FaultInjectingProxy.Fault.INTERNAL_ERROR_500)).isPositive();
      assertThat(proxy.count(FaultInjectingProxy.Fault.STALL)).isPositive();
      assertThat(proxy.count(FaultInjectingProxy.Fault.CUT_BODY)).isPositive();
      String scrape = registry.scrape();
      assertThat(sum(scrape, "thanos_objstore_bucket_operation_retries_total")).isPositive();
      assertThat(sum(scrape, "thanos_objstore_bucket_operation_failures_total")).isZero();
      assertThat(sum(scrape, "thanos_objstore_bucket_operations_total"))
          .isEqualTo(SIZES.length * 3 + 1 + 1);
    }
  }

  private static long sizeOf(String name) {
    return SIZES[Integer.parseInt(name.substring(name.lastIndexOf('/') + 1))];
  }

  private static double sum(String scrape, String metric) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*\\} (\\S+)$").matcher(scrape);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  private static InputStream oneShot(byte[] content) {
    ByteArrayInputStream in = new ByteArrayInputStream(content);
    return new InputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }
    };
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
