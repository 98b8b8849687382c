package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The UI's JavaScript really runs against the real query API: a headless Debian chromium loads {@code /graph}
 * with panels in the URL (Prometheus' {@code g0.expr=...} form) over two replica stores (gRPC StoreAPI doubles
 * serving real XOR chunks; no real store is needed to decide what the page shows), and the dumped DOM must hold
 * the uPlot canvas with one legend entry per series, the table rows with their values, and the API's error in a
 * red box.
 */
class QueryUiBrowserTest {

  private static final long STEP = 15_000;
  private static final int SAMPLES = 240;
  private static final String KITCHEN = "temperature{job=\"x\", room=\"kitchen\"}";
  private static final String HALL = "temperature{job=\"x\", room=\"hall\"}";
  private static FixedStore storeA;
  private static FixedStore storeB;
  private static MetricNamesStore names;
  private static ConfigurableApplicationContext query;
  private static int port;

  /** One hour of samples every 15 s with value {@code slope * k}, cut into real XOR chunks of 120 samples. */
  private static List<AggrChunk> chunks(double slope) {
    List<AggrChunk> out = new ArrayList<>();
    XorChunkWriter w = new XorChunkWriter();
    for (int k = 0; k < SAMPLES; k++) {
      w.append(k * STEP, slope * k);
      if (w.numSamples() == 120 || k == SAMPLES - 1) {
        out.add(AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime())
            .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(w.bytes())))
            .build());
        w.reset();
      }
    }
    return out;
  }

  private static FixedStore replica(String name) throws Exception {
    return new FixedStore(Labels.of("replica", name), 0, SAMPLES * STEP, true)
        .addChunks(Labels.of("__name__", "temperature", "job", "x", "room", "kitchen"), chunks(1))
        .addChunks(Labels.of("__name__", "temperature", "job", "x", "room", "hall"), chunks(2))
        .start();
  }

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.executable();
    storeA = replica("a");
    storeB = replica("b");
    names = new MetricNamesStore(List.of("node_load1", "system_temperature", "temperature", "temperature_max"))
        .start();
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.replica-label=replica",
        "--endpoint=" + storeA.address(), "--endpoint=" + storeB.address(),
        "--endpoint=" + names.address()}, System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!endpointsDiscovered() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private static boolean endpointsDiscovered() throws Exception {
    return TestHttp.get(port, "/api/v1/query?query=count(temperature)&time=60&dedup=false").body().contains("\"4\"")
        && TestHttp.get(port, "/api/v1/label/__name__/values").body().contains("node_load1");
  }

  @AfterAll
  static void stop() {
    query.close();
    storeA.close();
    storeB.close();
    names.close();
  }

  private static String url(String path, String... params) {
    StringBuilder sb = new StringBuilder("http://127.0.0.1:" + port + path + "?");
    for (int i = 0; i < params.length; i += 2) {
      sb.append(i == 0 ? "" : "&").append(params[i]).append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }

  /** The serialized DOM of each expression panel, in page order. */
  private static List<String> panels(String dom) {
    String[] parts = dom.split("<div class=\"panel\">", -1);
    return Arrays.asList(parts).subList(1, parts.length);
  }

  private static List<String> all(Pattern p, String html) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String attr(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;");
  }

  @Test
  void graphTabPlotsOneLinePerSeriesWithLegendAndUtcTimeAxis() throws Exception {
    String dom = HeadlessChromium.dumpDom(url("/graph", "g0.expr", "temperature", "g0.tab", "0",
        "g0.range_input", "1h", "g0.end_input", "1970-01-01 01:00:00"), "graph-tab");
    List<String> panels = panels(dom);
    assertThat(panels).hasSize(1);
    String panel = panels.get(0);
    assertThat(panel).doesNotContain("alert alert-danger\">");
    // 1h / 250 -> 14 s resolution: 258 steps, all within the 5 m lookback of a sample, so 2 x 258 points drawn
    assertThat(panel).containsPattern("<div class=\"chart-wrapper\" data-series-count=\"2\" data-points=\"516\" "
        + "data-align-ms=\"\\d+\" data-render-ms=\"\\d+\" data-rendered=\"true\">");
    assertThat(panel).contains("<canvas");
    assertThat(all(Pattern.compile("<span class=\"legend-label\">([^<]*)</span>"), panel))
        .containsExactly(HALL, KITCHEN);
    assertThat(all(Pattern.compile("<li class=\"legend-item\"[^>]*><span class=\"swatch\" style=\"([^\"]*)\""),
        panel)).doesNotHaveDuplicates().hasSize(2);
    assertThat(panel).contains("Resolution: 14s", "Result series: 2").containsPattern("Render time: \\d+ms");
  }

  @Test
  void panelsFromTheUrlShowTableRowsDeduplicationAndErrors() throws Exception {
    String dom = HeadlessChromium.dumpDom(url("/graph",
        "g0.expr", "temperature", "g0.tab", "1", "g0.moment_input", "1970-01-01 00:30:00",
        "g1.expr", "temperature", "g1.tab", "1", "g1.moment_input", "1970-01-01 00:30:00", "g1.deduplicate", "0",
        "g2.expr", "sum(temperature", "g2.tab", "1",
        "g3.expr", "scalar(sum(temperature)) * 2", "g3.tab", "1", "g3.moment_input", "1800"), "table-panels");
    List<String> panels = panels(dom);
    assertThat(panels).hasSize(4);
    Pattern row = Pattern.compile(
        "<tr class=\"result-row\"><td class=\"result-metric\">([^<]*)</td><td class=\"result-value\">([^<]*)</td>");
    // at 30 min the kitchen series is at sample 120 (value 120), the hall series at twice that
    assertThat(rows(row, panels.get(0))).containsExactly(HALL + " 240", KITCHEN + " 120");
    assertThat(rows(row, panels.get(1))).containsExactly(
        "temperature{job=\"x\", replica=\"a\", room=\"hall\"} 240",
        "temperature{job=\"x\", replica=\"a\", room=\"kitchen\"} 120",
        "temperature{job=\"x\", replica=\"b\", room=\"hall\"} 240",
        "temperature{job=\"x\", replica=\"b\", room=\"kitchen\"} 120");
    assertThat(panels.get(0)).contains("<input type=\"checkbox\" class=\"dedup\" checked=\"\">");
    assertThat(panels.get(1)).contains("<input type=\"checkbox\" class=\"dedup\">");
    assertThat(panels.get(2)).containsPattern(
        "<div class=\"alert alert-danger\">Error executing query: bad_data: [^<]*unclosed left parenthesis");
    assertThat(rows(Pattern.compile("<tr class=\"result-row\"><td class=\"result-metric muted\">([^<]*)</td>"
        + "<td class=\"result-value\">([^<]*)</td>"), panels.get(3))).containsExactly("scalar 720");
  }

  private static List<String> rows(Pattern row, String html) {
    List<String> out = new ArrayList<>();
    Matcher m = row.matcher(html);
    while (m.find()) {
      out.add(m.group(1).replace("&quot;", "\"") + " " + m.group(2));
    }
    return out;
  }

  @Test
  void storesPageListsBothEndpointsAsUpWithTheirLabels() throws Exception {
    String dom = HeadlessChromium.dumpDom("http://127.0.0.1:" + port + "/stores", "stores");
    assertThat(dom).contains("<td class=\"store-name\">" + storeA.address() + "</td>",
        "<td class=\"store-name\">" + storeB.address() + "</td>", "<span class=\"badge\">replica=\"a\"</span>",
        "<span class=\"badge\">replica=\"b\"</span>", "1970-01-01 00:00:00 UTC", "1970-01-01 01:00:00 UTC");
    assertThat(all(Pattern.compile("<span class=\"health ([a-z]+)\">"), dom)).containsExactly("up", "up", "up");
  }

  @Test
  void statusPageShowsBuildInfoAndEffectiveFlags() throws Exception {
    String dom = HeadlessChromium.dumpDom("http://127.0.0.1:" + port + "/status", "status");
    assertThat(dom).doesNotContain("alert-danger").contains(
        "<tr class=\"status-row\"><th>query.replica-label</th><td>replica</td></tr>",
        "<tr class=\"status-row\"><th>endpoint</th><td>" + storeA.address() + "," + storeB.address() + ","
            + names.address() + "</td></tr>",
        "<tr class=\"status-row\"><th>goVersion</th>");
  }

  @Test
  void userInteractionsHoverIsolateCompleteExecuteAndKeepTheUrl() throws Exception {
    // ui-harness.html (test classpath only) drives the real /graph page in an iframe and reports as JSON
    String dom = HeadlessChromium.dumpDom(url("/static/ui-harness.html", "g0.expr", "temperature", "g0.tab", "0",
        "g0.range_input", "1h", "g0.end_input", "1970-01-01 01:00:00"), "interactions");
    Matcher m = Pattern.compile("<pre id=\"results\">([^<]*)</pre>").matcher(dom);
    assertThat(m.find()).as(dom).isTrue();
    JsonNode r = JsonMapper.builder().build().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
    assertThat(r.path("error").isMissingNode()).as(r.toString()).isTrue();
    assertThat(r.path("done").asBoolean()).isTrue();
    assertThat(r.path("urlAfterLoad").asString()).contains("g0.expr=temperature", "g0.tab=0", "g0.range_input=1h",
        "g0.end_input=1970-01-01+01%3A00%3A00", "g0.deduplicate=1", "g0.partial_response=0",
        "g0.max_source_resolution=auto");
    // the plot spans exactly start..end, with round UTC ticks
    assertThat(strings(r.path("xTicks"))).contains("00:10", "00:30", "00:50");
    assertThat(strings(r.path("yTicks"))).contains("0", "200", "400");
    assertThat(r.path("xScale").toString()).isEqualTo("[0,3600]");
    // at the 14 s step of 1806 s (00:30:06) the hall series is 240, kitchen 120: the hall line is at the top
    assertThat(r.path("tooltipVisible").asBoolean()).isTrue();
    assertThat(strings(r.path("tooltip"))).containsExactly("1970-01-01 00:30:06 UTC", HALL, "value: 240");
    assertThat(r.path("tooltipVisibleAfterLeave").asBoolean()).isFalse();
    assertThat(strings(r.path("pathDisplayAfterLegendClick"))).containsExactly("shown", "none");
    // on the common x axis 0..60 s by 10 s: the missing 20 s step, NaN and +Inf are null (lines break there)
    assertThat(r.path("alignedXs").toString()).isEqualTo("[0,10,20,30,40,50,60]");
    assertThat(r.path("alignedYs").toString()).isEqualTo("[1,2,null,null,null,-1.5,7]");
    assertThat(strings(r.path("datalist")))
        .containsExactly("node_load1", "system_temperature", "temperature", "temperature_max");
    assertThat(r.path("panelsAfterAdd").asInt()).isEqualTo(2);
    assertThat(strings(r.path("suggestions"))).containsExactly("temperature", "temperature_max", "system_temperature");
    assertThat(r.path("exprAfterCompletion").asString()).isEqualTo("temperature");
    assertThat(strings(r.path("secondPanelRows"))).containsExactly(HALL);
    assertThat(r.path("urlAfterSecondPanel").asString()).contains("g0.expr=temperature&",
        "g1.expr=temperature%7Broom%3D%22hall%22%7D", "g1.tab=1", "g1.moment_input=1970-01-01+00%3A30%3A00");
    assertThat(r.path("textareaGrows").asBoolean()).isTrue();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
