package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a real Prometheus 2.42 opens a data directory our head wrote (cut blocks, a WAL with checkpoints,
 * the tail of the last segment as a SIGKILL left it) and serves exactly the samples we appended, stale markers
 * and NaN payloads included (compared bit for bit over remote read).
 */
class PrometheusReadsOursTest {

  private static final long H = 3_600_000L;
  private static final long BASE = (1_790_000_000_000L / (2 * H)) * (2 * H);

  @TempDir
  Path tmp;

  @Test
  void prometheusReplaysOurWalAndBlocksAfterASigkill() throws Exception {
    Path data = tmp.resolve("data");
    long start = BASE + 17 * 60_000L;
    long end = start + 5 * H;
    try (ChildJvm child = new ChildJvm(HeadWriterMain.class, tmp.resolve("child.log"), data.toString(),
        Long.toString(start), Long.toString(end), Integer.toString(32 * 1024), "20")) {
      String done = child.await("done", 240_000);
      assertThat(done).isEqualTo("done blocks=2");
      child.kill();
    }
    assertThat(Files.list(data.resolve("wal")).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("checkpoint."));
    Map<Labels, List<String>> expected = InteropData.expected(InteropData.scrapes(start, end, 20), start, end);
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of(), data)) {
      Map<Labels, List<String>> served = StoredSamples.ofPrometheus(prometheus.url(), start, end);
      assertThat(served.keySet()).isEqualTo(expected.keySet());
      for (Labels l : expected.keySet()) {
        assertThat(served.get(l)).as("samples of %s", l).isEqualTo(expected.get(l));
      }
    }
  }
}
