package io.thanosjvm.app.query;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos demo}: the first run generates the bucket and serves it through a store gateway and the querier;
 * the two generated replicas are deduplicated; the second run reuses the bucket.
 */
class QueryDemoTest {

  @TempDir Path tmp;

  @Test
  void generatesOnceServesAndDeduplicates() throws Exception {
    for (int run = 0; run < 2; run++) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int[] exit = {0};
      String[] args = ThanosCommandLine.prepare("demo", new String[] {"--http-address=127.0.0.1:0",
          "--grpc-address=127.0.0.1:0", "--data-dir=" + tmp}, System.out, System.err, exit);
      try (ConfigurableApplicationContext app = QueryDemo.start(args, new PrintStream(log, true))) {
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).contains(run == 0 ? "demo: generating" : "demo: reusing")
            .contains("Thanos demo is ready: open http://localhost:");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        // deduplicated: one replica's worth of series; without dedup both replicas
        String dedup = query(port, "count(gen_memory_bytes)", true);
        String raw = query(port, "count(gen_memory_bytes)", false);
        String perReplica = query(port, "count(gen_memory_bytes{replica=\"a\"})", false);
        assertThat(value(dedup)).isPositive().isEqualTo(value(perReplica));
        assertThat(value(raw)).isEqualTo(2 * value(perReplica));
      }
    }
  }

  private static String query(int port, String expr, boolean dedup) throws Exception {
    String url = "http://127.0.0.1:" + port + "/api/v1/query?dedup=" + dedup + "&query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static int value(String body) {
    // {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[t,"N"]}]}}
    int i = body.lastIndexOf(",\"");
    return Integer.parseInt(body.substring(i + 2, body.indexOf('"', i + 2)));
  }
}
