package io.thanosjvm.objstore.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads 20 real blocks through {@link FaultInjectingProxy} (503/500 answers, stalls past the timeout, bodies
 * cut mid-way) in front of a real S3 server, then inspects the bucket directly: every block the meta fetcher sees
 * has all its files intact (SHA-256 of chunks and index equal to the local block, sizes equal to meta.json's
 * {@code files}); a block whose upload failed is invisible (no meta.json). Retries show in the metrics.
 */
class BlockUploadFaultToleranceTest {

  private static final long SEED = 42_2026L;

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void blocksAreWholeOrInvisibleUnderFaults() throws Exception {
    List<BlockMeta> local = TestBlocks.generate(dir.resolve("local"), 4, 40, Map.of("cluster", "eu1"));
    assertThat(local).hasSize(20);
    try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3"));
        FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), SEED, 0.20, 0.03, 0.10,
            Duration.ofMillis(2500))) {
      server.createBucket("blocks");
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      List<String> failed = new ArrayList<>();
      try (Bucket faulty = BucketFactory.create(ObjstoreConfigLoader.fromString(yaml(proxy.port(), 25)), registry,
          Clock.systemUTC(), new BucketFactory.Settings(dir.resolve("spool"), Duration.ofMillis(10),
              Duration.ofMillis(200)))) {
        BlockUploader uploader = new BlockUploader(faulty, Clock.systemUTC());
        for (BlockMeta meta : local) {
          try {
            uploader.upload(dir.resolve("local").resolve(meta.ulid()),
                new UploadOptions(Map.of("cluster", "eu1"), "sidecar", 0, true));
          } catch (Exception e) {
            failed.add(meta.ulid());
          }
        }
      }
      proxy.enabled(false);
      assertThat(proxy.count(FaultInjectingProxy.Fault.SLOW_DOWN_503)
          + proxy.count(FaultInjectingProxy.Fault.INTERNAL_ERROR_500)).isPositive();
      assertThat(sum(registry.scrape(), "thanos_objstore_bucket_operation_retries_total")).isPositive();

      try (Bucket direct = BucketFactory.create(ObjstoreConfigLoader.fromString(yaml(server.port(), 0)),
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())) {
        SortedMap<String, BlockMeta> visible = new MetaFetcher(direct, 4, List.of(),
            new FetcherMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))).fetch().metas();
        for (BlockMeta meta : local) {
          String id = meta.ulid();
          if (!visible.containsKey(id)) {
            assertThat(failed).as("block %s is invisible only if its upload failed", id).contains(id);
            continue;
          }
          Path blockDir = dir.resolve("local").resolve(id);
          List<Path> files;
          try (Stream<Path> s = Files.walk(blockDir)) {
            files = s.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().equals("index") || p.getParent().endsWith("chunks"))
                .toList();
          }
          for (Path f : files) {
            String rel = blockDir.relativize(f).toString();
            try (InputStream in = direct.get(id + "/" + rel)) {
              assertThat(sha256(in.readAllBytes())).as("%s/%s", id, rel).isEqualTo(sha256(Files.readAllBytes(f)));
            }
          }
          for (BlockFile bf : visible.get(id).thanos().orElseThrow().files()) {
            if (!bf.relPath().equals("meta.json")) {
              assertThat(direct.attributes(id + "/" + bf.relPath()).size()).as(bf.relPath()).isEqualTo(bf.sizeBytes());
            }
          }
        }
        assertThat(visible.size() + failed.size()).isEqualTo(local.size());
      }
    }
  }

  private static String yaml(int port, int retries) {
    return String.join("\n", "type: S3", "config:", "  bucket: blocks", "  endpoint: 127.0.0.1:" + port,
        "  insecure: true", "  bucket_lookup_type: path", "  access_key: " + S3ProxyServer.ACCESS_KEY,
        "  secret_key: " + S3ProxyServer.SECRET_KEY, "  max_retries: " + retries, "  http_config:",
        "    response_header_timeout: 1s");
  }

  private static double sum(String scrape, String metric) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*\\} (\\S+)$").matcher(scrape);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
