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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cardinality explorer through a started querier: {@code /api/v1/status/tsdb} over two replica stores (gRPC
 * StoreAPI doubles: only the series' labels matter here) counts each series once with dedup and twice without, and
 * a headless chromium renders {@code /cardinality}: the summary, the four top-N tables with their counts, and the
 * drill-down into a label pair narrowing everything to its series.
 */
class CardinalityPageBrowserTest {

  private static final long STEP = 15_000;
  private static final int SAMPLES = 240;
  private static FixedStore storeA;
  private static FixedStore storeB;
  private static ConfigurableApplicationContext query;
  private static int port;

  private static List<AggrChunk> chunk() {
    XorChunkWriter w = new XorChunkWriter();
    for (int k = 0; k < SAMPLES; k++) {
      w.append(k * STEP, k);
    }
    return List.of(AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime())
        .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(w.bytes()))).build());
  }

  private static FixedStore replica(String name) throws Exception {
    return new FixedStore(Labels.of("replica", name), 0, SAMPLES * STEP, true)
        .addChunks(Labels.of("__name__", "temperature", "job", "x", "room", "kitchen"), chunk())
        .addChunks(Labels.of("__name__", "temperature", "job", "x", "room", "hall"), chunk())
        .addChunks(Labels.of("__name__", "humidity", "job", "x", "room", "hall"), chunk())
        .start();
  }

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.executable();
    storeA = replica("a");
    storeB = replica("b");
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.replica-label=replica",
        "--endpoint=" + storeA.address(), "--endpoint=" + storeB.address()}, System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!TestHttp.get(port, "/api/v1/query?query=count(temperature)&time=60&dedup=false").body().contains("\"4\"")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() {
    query.close();
    storeA.close();
    storeB.close();
  }

  @Test
  void apiCountsReplicasOnceWithDedupAndApartWithout() throws Exception {
    String deduped = TestHttp.get(port, "/api/v1/status/tsdb?start=0&end=3600").body();
    assertThat(deduped).contains("\"numSeries\":3")
        .contains("\"seriesCountByMetricName\":[{\"name\":\"temperature\",\"value\":2},"
            + "{\"name\":\"humidity\",\"value\":1}]")
        .doesNotContain("replica=");
    String apart = TestHttp.get(port, "/api/v1/status/tsdb?start=0&end=3600&dedup=false").body();
    assertThat(apart).contains("\"numSeries\":6").contains("{\"name\":\"replica=a\",\"value\":3}");
  }

  @Test
  void pageRendersTopTablesAndDrillsDown() throws Exception {
    String dom = HeadlessChromium.dumpDom("http://127.0.0.1:" + port + "/cardinality?range=1h&end=3600",
        "cardinality");
    assertThat(dom).contains("3 series, ");
    assertThat(rows(dom, "seriesCountByMetricName")).containsExactly("temperature=2", "humidity=1");
    assertThat(rows(dom, "labelValueCountByLabelName")).contains("room=2", "__name__=2", "job=1");
    assertThat(rows(dom, "seriesCountByLabelValuePair")).contains("job=x=3", "room=hall=2", "room=kitchen=1");
    assertThat(dom).contains("href=\"/cardinality?range=1h&amp;end=3600&amp;limit=10&amp;match=%7Broom%3D%22kitchen"
        + "%22%7D\"");

    String drilled = HeadlessChromium.dumpDom("http://127.0.0.1:" + port + "/cardinality?range=1h&end=3600&match="
        + URLEncoder.encode("{room=\"kitchen\"}", StandardCharsets.UTF_8), "cardinality-drilled");
    assertThat(drilled).contains("1 series, ").contains("id=\"cardinality-selector\"");
    assertThat(rows(drilled, "seriesCountByMetricName")).containsExactly("temperature=1");
  }

  /** The rows of one table as name=count. */
  private static List<String> rows(String dom, String table) {
    int at = dom.indexOf("id=\"" + table + "\"");
    assertThat(at).as(table).isPositive();
    int end = dom.indexOf("</section>", at);
    Matcher m = Pattern.compile("<a href=\"[^\"]*\">([^<]*)</a></td><td class=\"cardinality-value\">(\\d+)</td>")
        .matcher(dom.substring(at, end));
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("&quot;", "\"") + "=" + m.group(2));
    }
    return out;
  }
}
