package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactionTestKit.group;
import static io.thanosjvm.compact.CompactionTestKit.metas;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prometheus 2.42 side by side: one Prometheus over three adjacent promtool blocks, another over the single block
 * our compactor made of them; every expression of the side-by-side corpus, as an instant query and as a range
 * query across the former block edges, answers with the same JSON (series order aside), as do the metadata
 * endpoints.
 */
class CompactionSideBySideTest {

  /** make-prom-blocks' default start, 2023-11-14T22:00:00Z, and six hours of data. */
  private static final long START = 1_699_999_200L;
  private static final long END = START + 6 * 3600;
  private static final long EVAL = START + 4 * 3600 + 17 * 60;
  private static final String ULID = "01JCXMPACT000000000000S1DE";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path tmp;
  private static PrometheusServer sources;
  private static PrometheusServer compacted;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("compaction-side-by-side");
    Path blocks = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(blocks, "--series", "150", "--hours", "6", "--step", "30", "--churn", "--special");
    List<Path> inputs = Promtool.blocks(blocks);
    assertThat(inputs).hasSize(3);
    Path out = Files.createDirectories(tmp.resolve("compacted"));
    new BlockCompactor().compact(group(Map.of(), 0, metas(inputs)), inputs, out, ULID);
    sources = PrometheusServer.start(Map.of(), blocks);
    compacted = PrometheusServer.start(Map.of(), out);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sources != null) {
      sources.close();
    }
    if (compacted != null) {
      compacted.close();
    }
    Promtool.deleteTree(tmp);
  }

  @Test
  void compactedBlockLoadsAsOneBlock() throws Exception {
    Path data = compacted.dir().resolve("data");
    assertThat(Promtool.blocks(data)).extracting(p -> p.getFileName().toString()).containsExactly(ULID);
  }

  @Test
  void everyCorpusQueryAnswersTheSameOverTheCompactedBlock() throws Exception {
    List<String> corpus;
    try (var in = CompactionSideBySideTest.class.getResourceAsStream("/side-by-side-corpus.promql")) {
      corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    List<String> failures = new ArrayList<>();
    int nonEmpty = 0;
    for (String promql : corpus) {
      String q = URLEncoder.encode(promql, StandardCharsets.UTF_8);
      for (String path : List.of("/api/v1/query?query=" + q + "&time=" + EVAL,
          "/api/v1/query_range?query=" + q + "&start=" + START + "&end=" + END + "&step=300")) {
        JsonNode theirs = get(sources.url(), path);
        JsonNode ours = get(compacted.url(), path);
        JsonNode result = theirs.path("data").path("result");
        if (result.isArray() ? !result.isEmpty() : !result.isMissingNode()) {
          nonEmpty++;
        }
        if (!theirs.equals(ours)) {
          failures.add(path + "\n  sources:   " + abbreviate(theirs) + "\n  compacted: " + abbreviate(ours));
        }
      }
    }
    assertThat(failures).as("answers that differ between source blocks and compacted block").isEmpty();
    assertThat(nonEmpty).as("answers with data").isGreaterThan(2 * corpus.size() * 9 / 10);
  }

  @Test
  void metadataEndpointsAnswerTheSame() throws Exception {
    String range = "start=" + START + "&end=" + END;
    for (String path : List.of("/api/v1/labels?" + range, "/api/v1/label/instance/values?" + range,
        "/api/v1/series?match[]=" + URLEncoder.encode("{__name__=~\"demo_.+\"}", StandardCharsets.UTF_8) + "&"
            + range)) {
      JsonNode theirs = get(sources.url(), path);
      assertThat(theirs.path("data").size()).as(path).isPositive();
      assertThat(get(compacted.url(), path)).as(path).isEqualTo(theirs);
    }
  }

  /** The JSON answer with the HTTP status added and vector/matrix series sorted by their labels. */
  private static JsonNode get(URI base, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
    ObjectNode n = (ObjectNode) JSON.readTree(r.body());
    n.put("httpStatus", r.statusCode());
    JsonNode result = n.path("data").path("result");
    if (result instanceof ArrayNode arr && !arr.isEmpty() && arr.get(0).isObject()) {
      List<JsonNode> items = new ArrayList<>();
      arr.forEach(items::add);
      items.sort((a, b) -> a.path("metric").toString().compareTo(b.path("metric").toString()));
      arr.removeAll();
      items.forEach(arr::add);
    }
    JsonNode data = n.path("data");
    if (data instanceof ArrayNode arr && !arr.isEmpty() && arr.get(0).isObject()) {
      List<JsonNode> items = new ArrayList<>();
      arr.forEach(items::add);
      items.sort((a, b) -> a.toString().compareTo(b.toString()));
      arr.removeAll();
      items.forEach(arr::add);
    }
    return n;
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
