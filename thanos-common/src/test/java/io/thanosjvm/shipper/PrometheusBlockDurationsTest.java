package io.thanosjvm.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.testing.PrometheusServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus' block durations from a real Prometheus 2.42, and Thanos' rule for shipping with them. */
class PrometheusBlockDurationsTest {

  private static PrometheusBlockDurations parse(String min, String max) throws IOException {
    String body = "{\"status\":\"success\",\"data\":{\"storage.tsdb.min-block-duration\":\"" + min
        + "\",\"storage.tsdb.max-block-duration\":\"" + max + "\",\"web.enable-lifecycle\":\"false\"}}";
    return PrometheusBlockDurations.parse(body.getBytes(StandardCharsets.UTF_8), "test");
  }

  @Test
  void readsTheFlagsOfARealPrometheusWithEqualTwoHourBlocks() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of("cluster", "eu1"))) {
      PrometheusBlockDurations d = PrometheusBlockDurations.fetch(HttpClient.newHttpClient(), prometheus.url(),
          Duration.ofSeconds(10)).orElseThrow();
      assertThat(d).isEqualTo(new PrometheusBlockDurations(Duration.ofHours(2), Duration.ofHours(2)));
      assertThat(d.verify(false)).isEmpty();
    }
  }

  @Test
  void refusesUnequalDurationsAsThanosDoesUnlessIgnored() throws Exception {
    PrometheusBlockDurations d = parse("2h", "1d12h");
    assertThatThrownBy(() -> d.verify(false)).isInstanceOf(IllegalStateException.class)
        .hasMessage("found that TSDB Max time is 1d12h and Min time is 2h. Compaction needs to be disabled "
            + "(storage.tsdb.min-block-duration = storage.tsdb.max-block-duration)");
    assertThat(d.verify(true)).singleElement().asString().contains("may be missing from your Thanos bucket");
  }

  @Test
  void warnsWhenTheBlockDurationIsNotTwoHours() throws Exception {
    assertThat(parse("6h", "6h").verify(false)).singleElement().asString()
        .contains("Only 2h block time is recommended").contains("block-time=6h");
  }

  @Test
  void aMalformedAnswerIsAnErrorNamingTheFlag() {
    assertThatThrownBy(() -> parse("2x", "2h")).isInstanceOf(IOException.class)
        .hasMessageContaining("storage.tsdb.min-block-duration");
    assertThatThrownBy(() -> PrometheusBlockDurations.parse("{\"data\":{}}".getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(IOException.class).hasMessageContaining("missing");
  }
}
