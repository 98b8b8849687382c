package io.thanosjvm.app.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos demo}: the first run generates the bucket's history (up to the last 2h boundary) and serves it
 * through the all-in-one, the generator writing the rest up to now through receive's head; the two generated
 * replicas are deduplicated; an instant query at now answers on the first start (half an hour past a boundary, so
 * only the head can answer) and on a later one (the clock moved a day forward, no sleeping), whose gap the
 * generator filled through receive's head, so the middle of the gap answers too.
 */
class DemoLauncherTest {

  @TempDir Path tmp;

  @Test
  void answersAtNowOnTheFirstAndOnALaterStartAndDeduplicates() throws Exception {
    Instant first = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), 7_200_000L) * 7_200_000L)
        .plus(Duration.ofMinutes(30));
    Instant later = first.plus(Duration.ofHours(26));
    for (Instant now : new Instant[] {first, later}) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int[] exit = {0};
      String[] args = ThanosCommandLine.prepare("demo", new String[] {"--http-address=127.0.0.1:0",
          "--grpc-address=127.0.0.1:0", "--data-dir=" + tmp}, System.out, System.err, exit);
      try (ConfigurableApplicationContext app = DemoLauncher.start(args, new PrintStream(log, true),
          Clock.fixed(now, ZoneOffset.UTC))) {
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).contains(now == first ? "demo: generating" : "demo: reusing")
            .contains("Thanos demo is ready: open http://localhost:");
        assertThat(out).contains("demo: filling the gap since");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        // at now (the injected clock, which the querier also reads): deduplicated, one replica's worth of series;
        // without dedup both replicas
        String dedup = query(port, "count(gen_memory_bytes)", true, null);
        String raw = query(port, "count(gen_memory_bytes)", false, null);
        String perReplica = query(port, "count(gen_memory_bytes{replica=\"a\"})", false, null);
        assertThat(value(perReplica)).as(perReplica).isPositive();
        assertThat(value(dedup)).isEqualTo(value(perReplica));
        assertThat(value(raw)).isEqualTo(2 * value(perReplica));
        // explicitly at now, and at an instant of the filled gap
        assertThat(value(query(port, "count(gen_memory_bytes{replica=\"b\"})", false, now)))
            .isEqualTo(value(perReplica));
        if (now == later) {
          Instant gap = first.plus(Duration.ofHours(13));
          assertThat(value(query(port, "count(gen_memory_bytes{replica=\"a\"})", false, gap)))
              .isEqualTo(value(perReplica));
        }
      }
    }
  }

  private static String query(int port, String expr, boolean dedup, Instant at) throws Exception {
    String url = "http://127.0.0.1:" + port + "/api/v1/query?dedup=" + dedup + "&query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8) + (at == null ? "" : "&time=" + at.getEpochSecond());
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static int value(String body) {
    // {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[t,"N"]}]}}
    if (body.contains("\"result\":[]")) {
      return 0;
    }
    int i = body.lastIndexOf(",\"");
    return Integer.parseInt(body.substring(i + 2, body.indexOf('"', i + 2)));
  }
}
