package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: a real Prometheus 2.42 fed by remote write is SIGKILLed; our head opened on its data directory
 * (replaying its WAL) serves the same samples Prometheus served before the kill, bit for bit.
 */
class WeReadPrometheusTest {

  private static final long H = 3_600_000L;

  @Test
  void ourHeadReplaysPrometheusWalAfterASigkill() throws Exception {
    long start = (System.currentTimeMillis() / 60_000L) * 60_000L - 2 * H;
    long end = start + 2 * H;
    List<InteropData.Scrape> scrapes = InteropData.scrapes(start, end);
    Map<Labels, List<String>> before;
    Path data;
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of())) {
      // one remote-write request per 10 scrapes, in time order
      for (int from = 0; from < scrapes.size(); from += 10) {
        List<TimeSeries> batch = new ArrayList<>();
        for (InteropData.Scrape s : scrapes.subList(from, Math.min(scrapes.size(), from + 10))) {
          for (int j = 0; j < s.labels().size(); j++) {
            Labels l = s.labels().get(j);
            String[] pairs = new String[2 * l.size()];
            for (int k = 0; k < l.size(); k++) {
              pairs[2 * k] = l.name(k);
              pairs[2 * k + 1] = l.value(k);
            }
            batch.add(PrometheusServer.series(pairs, new long[] {s.t()}, new double[] {s.values()[j]}));
          }
        }
        prometheus.remoteWrite(batch);
      }
      before = StoredSamples.ofPrometheus(prometheus.url(), start, end);
      assertThat(before).isEqualTo(InteropData.expected(scrapes, start, end));
      prometheus.kill();
      data = prometheus.dir().resolve("data");
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LocalTsdb db = LocalTsdb.open(data, TsdbOptions.defaults(), InstantSource.fixed(Instant.ofEpochMilli(end)),
        registry)) {
      assertThat(db.replayed().samples()).isGreaterThan(0);
      Map<Labels, List<String>> ours = StoredSamples.of(db, start, end);
      assertThat(ours.keySet()).isEqualTo(before.keySet());
      for (Labels l : before.keySet()) {
        assertThat(ours.get(l)).as("samples of %s", l).isEqualTo(before.get(l));
      }
      assertThat(registry.find("prometheus_tsdb_head_series").gauge().value()).isEqualTo(before.size());
    }
  }
}
