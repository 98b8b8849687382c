package io.thanosjvm.tsdb.wlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAL's meters are exposed under Prometheus 2.42's exact names. */
class WalMetricsTest {

  @TempDir
  Path tmp;

  private static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("%s in%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void walAndCheckpointMetersCarryPrometheusNames() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Wal wal = Wal.open(tmp, new WalOptions(WalOptions.PAGE_SIZE, true, true), registry)) {
      wal.log(new byte[] {(byte) 200, 2, 3}); // an unknown record type: dropped by the checkpoint
      wal.log(new byte[40_000]);
      wal.nextSegment();
      wal.nextSegment();
      wal.checkpoint(0, 1, ref -> true, 0);
      wal.truncate(2);
    }
    String s = registry.scrape();
    assertThat(value(s, "prometheus_tsdb_wal_page_flushes_total")).isPositive();
    assertThat(value(s, "prometheus_tsdb_wal_completed_pages_total")).isPositive();
    assertThat(value(s, "prometheus_tsdb_wal_truncations_total")).isEqualTo(1);
    assertThat(value(s, "prometheus_tsdb_wal_truncations_failed_total")).isZero();
    assertThat(value(s, "prometheus_tsdb_wal_writes_failed_total")).isZero();
    assertThat(value(s, "prometheus_tsdb_wal_corruptions_total")).isZero();
    assertThat(value(s, "prometheus_tsdb_wal_segment_current")).isEqualTo(2);
    assertThat(value(s, "prometheus_tsdb_wal_fsync_duration_seconds_count")).isGreaterThanOrEqualTo(3);
    assertThat(s).contains("prometheus_tsdb_wal_fsync_duration_seconds{quantile=\"0.99\"}");
    assertThat(value(s, "prometheus_tsdb_wal_truncate_duration_seconds_count")).isEqualTo(1);
    assertThat(value(s, "prometheus_tsdb_checkpoint_creations_total")).isEqualTo(1);
    assertThat(value(s, "prometheus_tsdb_checkpoint_creations_failed_total")).isZero();
    assertThat(value(s, "prometheus_tsdb_checkpoint_deletions_total")).isEqualTo(1);
    assertThat(value(s, "prometheus_tsdb_checkpoint_deletions_failed_total")).isZero();
  }
}
