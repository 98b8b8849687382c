package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.testing.FixedStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph tab plots the largest range answer the API gives: 100 series × 11,000 points (the API's maximum per
 * series), from a StoreAPI of synthetic XOR chunks ({@link SyntheticWaves}), in a real headless chromium. The
 * page must draw a canvas with painted series pixels and a legend of 100 entries; the render time (real time:
 * chromium is driven over DevTools, see {@link ChromiumDevTools}) is printed, never asserted (timings are not
 * pass/fail). A screenshot of the plot is kept in {@code target/chromium/large-plot.png}.
 */
class QueryUiLargePlotBrowserTest {

  private static final int SERIES = 100;
  private static final int POINTS = 11_000;
  private static FixedStore store;
  private static ConfigurableApplicationContext query;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.executable();
    store = SyntheticWaves.store(SERIES, POINTS);
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=" + store.address()},
        System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!TestHttp.get(port, "/api/v1/query?query=count(wave)&time=60").body().contains("\"100\"")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() {
    query.close();
    store.close();
  }

  @Test
  void aHundredSeriesOfElevenThousandPointsArePlottedWithAHundredLegendEntries() throws Exception {
    // 11,000 steps of 15 s: the range is 10,999 steps long, ending at the last sample
    long rangeSeconds = (POINTS - 1) * 15L;
    String range = (rangeSeconds / 3600) + "h" + (rangeSeconds % 3600 / 60) + "m" + (rangeSeconds % 60) + "s";
    String params = "g0.expr=wave&g0.tab=0&g0.range_input=" + range + "&g0.step_input=15&g0.end_input="
        + URLEncoder.encode(String.valueOf(rangeSeconds), StandardCharsets.UTF_8);
    JsonNode r;
    try (ChromiumDevTools chromium = ChromiumDevTools.start()) {
      chromium.navigate("http://127.0.0.1:" + port + "/static/plot-harness.html?" + params);
      String results = chromium.await(
          "results.done ? JSON.stringify(results) : ''", Duration.ofSeconds(120));
      chromium.screenshot(Path.of("target", "chromium", "large-plot.png"));
      r = JsonMapper.builder().build().readTree(results);
    }
    System.out.printf("UI plot of %d series x %d points: render %d ms (aligning the data %d ms, then uPlot's first "
        + "draw), page load to plot %d ms; %s%n", SERIES, POINTS, r.path("renderMs").asLong(),
        r.path("alignMs").asLong(), r.path("pageToPlotMs").asLong(), r.path("stats").asString());
    assertThat(r.path("error").isMissingNode()).as(r.toString()).isTrue();
    assertThat(r.path("done").asBoolean()).isTrue();
    assertThat(r.path("plotRendered").asBoolean()).isTrue();
    assertThat(r.path("stats").asString()).contains("Resolution: 15s", "Result series: 100", "Render time: ");
    assertThat(r.path("seriesCount").asInt()).isEqualTo(SERIES);
    assertThat(r.path("plotSeries").asInt()).isEqualTo(SERIES);
    assertThat(r.path("plotXs").asInt()).isEqualTo(POINTS);
    assertThat(r.path("points").asInt()).isEqualTo(SERIES * POINTS);
    assertThat(r.path("canvases").asInt()).isEqualTo(1);
    // painted and in colour: the series' lines, not only the grey axes and grid
    int pixels = r.path("canvasSize").get(0).asInt() * r.path("canvasSize").get(1).asInt();
    assertThat(r.path("colouredPixels").asInt()).isGreaterThan(pixels / 20);
    assertThat(r.path("paintedPixels").asInt()).isLessThan(pixels);
    assertThat(r.path("legendEntries").asInt()).isEqualTo(SERIES);
    assertThat(r.path("legendFirst").asString()).isEqualTo("wave{series=\"000\", source=\"synthetic\"}");
    assertThat(r.path("legendLast").asString()).isEqualTo("wave{series=\"099\", source=\"synthetic\"}");
    assertThat(r.path("legendColours").asInt()).isGreaterThan(SERIES / 2);
  }
}
