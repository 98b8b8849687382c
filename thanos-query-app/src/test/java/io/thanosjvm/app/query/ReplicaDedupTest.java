package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two stores hold HA replicas of the same series (external label {@code replica} = a / b) with gaps in different
 * places, served as real XOR chunks; a querier started with {@code --query.replica-label=replica} returns one
 * gap-free series through {@code /api/v1/query_range}, both replicas with {@code dedup=false}, and no counter
 * reset spike in {@code rate}.
 */
class ReplicaDedupTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long STEP = 15_000;
  private static final int SAMPLES = 240;
  private static FixedStore storeA;
  private static FixedStore storeB;
  private static ConfigurableApplicationContext query;
  private static int port;

  /** Real XOR chunks of at most 120 samples: value {@code base + slope * k} at k * 15 s, skipping the gap. */
  private static List<AggrChunk> chunks(double base, double slope, IntPredicate gap) {
    List<AggrChunk> out = new ArrayList<>();
    XorChunkWriter w = new XorChunkWriter();
    for (int k = 0; k < SAMPLES; k++) {
      if (!gap.test(k)) {
        w.append(k * STEP, base + slope * k);
      }
      if ((w.numSamples() == 120 || k == SAMPLES - 1) && w.numSamples() > 0) {
        out.add(AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime())
            .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR)
                .setData(com.google.protobuf.ByteString.copyFrom(w.bytes()))).build());
        w.reset();
      }
    }
    return out;
  }

  private static FixedStore replica(String name, int gapFrom, int gapTo, double counterBase) throws Exception {
    IntPredicate gap = k -> k >= gapFrom && k < gapTo;
    return new FixedStore(Labels.of("replica", name), 0, SAMPLES * STEP, true)
        .addChunks(Labels.of("__name__", "temperature", "job", "x"), chunks(0, 1, gap))
        .addChunks(Labels.of("__name__", "requests_total", "job", "x"), chunks(counterBase, 10, gap))
        .start();
  }

  @BeforeAll
  static void start() throws Exception {
    // a misses the first 5 minutes, b 10 minutes in the middle; b's counter is 1000 higher than a's (the
    // replicas saw different counter histories), so the single switch b -> a goes down without adjustment
    storeA = replica("a", 0, 20, 0);
    storeB = replica("b", 140, 180, 1000);
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.replica-label=replica",
        "--endpoint=" + storeA.address(), "--endpoint=" + storeB.address()}, System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (rangeQuery("temperature", "&dedup=false").size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() {
    query.close();
    storeA.close();
    storeB.close();
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    JsonNode n = JSON.readTree(TestHttp.get(port, pathAndQuery).body());
    assertThat(n.get("status").asString()).as(n.toString()).isEqualTo("success");
    return n.get("data");
  }

  /** Steps at 30 s + n * 60 s, i.e. sample indices k = 2, 6, 10, ..., 238. */
  private static JsonNode rangeQuery(String q, String extra) throws Exception {
    return get("/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + "&start=30&end=3570&step=60" + extra).get("result");
  }

  @Test
  void replicasWithGapsInDifferentPlacesDeduplicateIntoOneCompleteSeries() throws Exception {
    JsonNode result = rangeQuery("temperature", "");
    assertThat(result).hasSize(1);
    assertThat(result.get(0).get("metric").toString()).isEqualTo("{\"__name__\":\"temperature\",\"job\":\"x\"}");
    JsonNode values = result.get(0).get("values");
    assertThat(values).hasSize(60);
    for (int i = 0; i < 60; i++) {
      long t = 30 + 60L * i;
      assertThat(values.get(i).get(0).asLong()).isEqualTo(t);
      assertThat(values.get(i).get(1).asString()).as("value at %d s", t).isEqualTo(String.valueOf(t / 15));
    }
  }

  @Test
  void withDedupFalseBothReplicasComeBackWithTheirGaps() throws Exception {
    JsonNode result = rangeQuery("temperature", "&dedup=false");
    assertThat(result).hasSize(2);
    assertThat(result.get(0).get("metric").get("replica").asString()).isEqualTo("a");
    assertThat(result.get(1).get("metric").get("replica").asString()).isEqualTo("b");
    // a has nothing before 5 min; b's 10-minute gap outlasts the 5-minute lookback: some steps have no point
    assertThat(result.get(0).get("values").size()).isLessThan(60);
    assertThat(result.get(1).get("values").size()).isLessThan(60);
  }

  @Test
  void replicaLabelsParameterOverridesTheFlag() throws Exception {
    assertThat(rangeQuery("temperature", "&replicaLabels%5B%5D=zone")).hasSize(2);
    assertThat(rangeQuery("temperature", "&replicaLabels%5B%5D=zone&replicaLabels%5B%5D=replica")).hasSize(1);
  }

  @Test
  void rateOverDeduplicatedCounterReplicasHasNoResetSpike() throws Exception {
    // switching from b to the 1000-lower a unadjusted would look like a reset: a spike of about 1420/60 per second
    JsonNode result = rangeQuery("rate(requests_total[1m])", "");
    assertThat(result).hasSize(1);
    for (JsonNode v : result.get(0).get("values")) {
      assertThat(Double.parseDouble(v.get(1).asString())).as("rate at %s", v.get(0)).isBetween(0.0, 1.5);
    }
    JsonNode resets = get("/api/v1/query?query=" + URLEncoder.encode("resets(requests_total[1h])",
        StandardCharsets.UTF_8) + "&time=3585").get("result");
    assertThat(resets).hasSize(1);
    assertThat(resets.get(0).get("value").get(1).asString()).isEqualTo("0");
  }

  @Test
  void seriesApiDropsReplicaLabelsUnlessDedupIsOff() throws Exception {
    String path = "/api/v1/series?match%5B%5D=temperature&start=0&end=3600";
    assertThat(get(path).toString()).isEqualTo("[{\"__name__\":\"temperature\",\"job\":\"x\"}]");
    assertThat(get(path + "&dedup=false")).hasSize(2);
  }

  @Test
  void invalidDedupParameterIsBadData() throws Exception {
    JsonNode n = JSON.readTree(TestHttp.get(port, "/api/v1/query?query=temperature&time=100&dedup=maybe").body());
    assertThat(n.get("errorType").asString()).isEqualTo("bad_data");
    assertThat(n.get("error").asString()).isEqualTo(
        "'dedup' parameter: strconv.ParseBool: parsing \"maybe\": invalid syntax");
  }
}
