package io.thanosjvm.objstore.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The objstore metrics as Prometheus scrapes them: Thanos' names, labels and semantics. */
class BucketMetricsExportTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path dir;
  private PrometheusMeterRegistry registry;
  private Bucket bucket;
  private String label;

  @BeforeEach
  void setUp() throws IOException {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bucket = BucketFactory.create(
        ObjstoreConfigLoader.fromString("type: FILESYSTEM\nconfig:\n  directory: " + dir.resolve("b")),
        registry, Clock.fixed(NOW, ZoneOffset.UTC));
    label = "bucket=\"fs: " + dir.resolve("b") + "\"";
  }

  private double sample(String metric, String operation) {
    String labels = operation == null ? label : label + ",operation=\"" + operation + "\"";
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + labels + "}") + " (\\S+)$");
    Matcher m = line.matcher(registry.scrape());
    assertThat(m.find()).as("%s{%s} in scrape:%n%s", metric, labels, registry.scrape()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private void upload(String name, int size) throws IOException {
    bucket.upload(name, new ByteArrayInputStream(new byte[size]), size);
  }

  @Test
  void everyOperationLabelIsExportedAtZeroBeforeUse() {
    for (String op : new String[] {"iter", "get", "get_range", "exists", "upload", "delete", "attributes"}) {
      assertThat(sample("thanos_objstore_bucket_operations_total", op)).isZero();
      assertThat(sample("thanos_objstore_bucket_operation_failures_total", op)).isZero();
      assertThat(sample("thanos_objstore_bucket_operation_duration_seconds_count", op)).isZero();
    }
    assertThat(sample("thanos_objstore_bucket_last_successful_upload_time", null)).isZero();
    assertThat(registry.scrape())
        .contains("# TYPE thanos_objstore_bucket_operation_duration_seconds histogram")
        .contains("# TYPE thanos_objstore_bucket_operation_transferred_bytes histogram")
        .contains("# TYPE thanos_objstore_bucket_operations_total counter")
        .contains("# TYPE thanos_objstore_bucket_operation_fetched_bytes_total counter");
  }

  @Test
  void operationsAreCountedTimedAndSized() throws IOException {
    upload("dir/obj", 100_000);
    try (InputStream in = bucket.get("dir/obj")) {
      in.readAllBytes();
    }
    try (InputStream in = bucket.getRange("dir/obj", 10, 1000)) {
      in.readAllBytes();
    }
    bucket.exists("dir/obj");
    bucket.attributes("dir/obj");
    bucket.iter("", new ArrayList<String>()::add, IterOptions.flat());
    bucket.delete("dir/obj");

    for (String op : new String[] {"iter", "get", "get_range", "exists", "upload", "delete", "attributes"}) {
      assertThat(sample("thanos_objstore_bucket_operations_total", op)).as(op).isEqualTo(1);
      assertThat(sample("thanos_objstore_bucket_operation_duration_seconds_count", op)).as(op).isEqualTo(1);
      assertThat(sample("thanos_objstore_bucket_operation_failures_total", op)).as(op).isZero();
    }
    assertThat(sample("thanos_objstore_bucket_operation_fetched_bytes_total", "get")).isEqualTo(100_000);
    assertThat(sample("thanos_objstore_bucket_operation_fetched_bytes_total", "get_range")).isEqualTo(1000);
    assertThat(sample("thanos_objstore_bucket_operation_transferred_bytes_sum", "upload")).isEqualTo(100_000);
    assertThat(sample("thanos_objstore_bucket_operation_transferred_bytes_sum", "get")).isEqualTo(100_000);
    assertThat(registry.scrape()).contains(
        "thanos_objstore_bucket_operation_duration_seconds_bucket{" + label + ",operation=\"get\",le=\"0.001\"}",
        "thanos_objstore_bucket_operation_duration_seconds_bucket{" + label + ",operation=\"get\",le=\"120.0\"}",
        "thanos_objstore_bucket_operation_transferred_bytes_bucket{" + label
            + ",operation=\"upload\",le=\"131072.0\"} 1");
  }

  @Test
  void lastSuccessfulUploadTimeComesFromTheInjectedClock() throws IOException {
    upload("obj", 1);
    assertThat(sample("thanos_objstore_bucket_last_successful_upload_time", null))
        .isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void missingObjectOnReadsIsNotAFailureButOtherErrorsAre() throws IOException {
    assertThatThrownBy(() -> bucket.get("missing")).satisfies(e -> assertThat(bucket.isObjNotFound(e)).isTrue());
    assertThatThrownBy(() -> bucket.getRange("missing", 0, 1)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> bucket.attributes("missing")).isInstanceOf(IOException.class);
    assertThat(bucket.exists("missing")).isFalse();
    assertThatThrownBy(() -> bucket.get("../escape")).isInstanceOf(IOException.class);

    assertThat(sample("thanos_objstore_bucket_operations_total", "get")).isEqualTo(2);
    assertThat(sample("thanos_objstore_bucket_operation_failures_total", "get")).isEqualTo(1);
    assertThat(sample("thanos_objstore_bucket_operation_failures_total", "get_range")).isZero();
    assertThat(sample("thanos_objstore_bucket_operation_failures_total", "attributes")).isZero();
    assertThat(sample("thanos_objstore_bucket_operation_failures_total", "exists")).isZero();
    assertThat(sample("thanos_objstore_bucket_operation_duration_seconds_count", "get")).isZero();
  }

  @Test
  void prefixDoesNotChangeTheBucketLabel() throws IOException {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Bucket prefixed = BucketFactory.create(ObjstoreConfigLoader.fromString(
        "type: FILESYSTEM\nconfig:\n  directory: " + dir.resolve("p") + "\nprefix: tenant"), own, Clock.systemUTC())) {
      prefixed.upload("x", new ByteArrayInputStream(new byte[3]), 3);
      assertThat(dir.resolve("p/tenant/x")).exists();
      assertThat(own.scrape()).contains("thanos_objstore_bucket_operations_total{bucket=\"fs: "
          + dir.resolve("p") + "\",operation=\"upload\"} 1");
    }
  }
}
