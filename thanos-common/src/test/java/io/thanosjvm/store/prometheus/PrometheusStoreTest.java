package io.thanosjvm.store.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's StoreAPI against a real Prometheus 2.42 holding samples pushed with remote write.
 */
class PrometheusStoreTest {

  private static PrometheusServer prometheus;
  private static PrometheusStore store;
  private static PrometheusClient client;
  /** Samples start an hour ago (inside the head's appendable window) at 15 s steps. */
  private static final long START = (System.currentTimeMillis() / 15_000 - 240) * 15_000;
  private static final int SAMPLES = 200;

  @BeforeAll
  static void start() throws Exception {
    prometheus = PrometheusServer.start(Map.of("cluster", "eu1", "replica", "a"));
    long[] ts = new long[SAMPLES];
    double[] up = new double[SAMPLES];
    double[] down = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      ts[i] = START + i * 15_000L;
      up[i] = i;
      down[i] = SAMPLES - i;
    }
    prometheus.remoteWrite(List.of(
        PrometheusServer.series(new String[] {"__name__", "http_requests_total", "job", "api", "code", "200"}, ts, up),
        PrometheusServer.series(new String[] {"__name__", "http_requests_total", "job", "api", "code", "500"}, ts, down),
        PrometheusServer.series(new String[] {"__name__", "up", "job", "db"}, ts, up),
        // Prometheus sorts {} before {code="1"}; with external labels {code="1",cluster,...} comes first
        PrometheusServer.series(new String[] {"__name__", "reorder_probe"}, ts, up),
        PrometheusServer.series(new String[] {"__name__", "reorder_probe", "code", "1"}, ts, up)));
    client = new PrometheusClient(new PrometheusEndpoint(prometheus.url(), Duration.ofSeconds(10)));
    store = new PrometheusStore(client, client::externalLabels);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    prometheus.close();
  }

  private static SeriesRequest.Builder request(LabelMatcher... matchers) {
    return SeriesRequest.newBuilder().setMinTime(START).setMaxTime(START + SAMPLES * 15_000L)
        .addAllMatchers(List.of(matchers));
  }

  private static LabelMatcher eq(String name, String value) {
    return LabelMatcher.newBuilder().setType(LabelMatcher.Type.EQ).setName(name).setValue(value).build();
  }

  private static LabelMatcher re(String name, String value) {
    return LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName(name).setValue(value).build();
  }

  private static <T> List<T> call(java.util.function.BiConsumer<StreamObserver<T>, Void> invoke) {
    Collector<T> c = new Collector<>();
    invoke.accept(c, null);
    return c.await();
  }

  private static List<Series> series(SeriesRequest req) {
    List<SeriesResponse> frames = call((o, v) -> store.series(req, o));
    return frames.stream().filter(SeriesResponse::hasSeries).map(SeriesResponse::getSeries).toList();
  }

  private static String labels(Series s) {
    return s.getLabelsList().stream().map(l -> l.getName() + "=" + l.getValue()).collect(Collectors.joining(","));
  }

  @Test
  void readsExternalLabelsFromTheRunningConfiguration() {
    assertThat((Object) client.externalLabels()).isEqualTo(Labels.of("cluster", "eu1", "replica", "a"));
  }

  @Test
  void seriesComeSortedWithExternalLabelsAndRawXorChunks() {
    List<Series> result = series(request(eq("__name__", "http_requests_total")).build());
    assertThat(result).extracting(PrometheusStoreTest::labels).containsExactly(
        "__name__=http_requests_total,cluster=eu1,code=200,job=api,replica=a",
        "__name__=http_requests_total,cluster=eu1,code=500,job=api,replica=a");
    for (Series s : result) {
      int samples = 0;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (AggrChunk c : s.getChunksList()) {
        assertThat(c.getRaw().getType()).isEqualTo(Chunk.Encoding.XOR);
        byte[] data = c.getRaw().getData().toByteArray();
        samples += ((data[0] & 0xff) << 8) | (data[1] & 0xff); // XOR chunks start with a BE16 sample count
        min = Math.min(min, c.getMinTime());
        max = Math.max(max, c.getMaxTime());
        assertThat(c.hasCount() || c.hasSum() || c.hasMin() || c.hasMax() || c.hasCounter()).isFalse();
      }
      assertThat(samples).isEqualTo(SAMPLES);
      assertThat(min).isEqualTo(START);
      assertThat(max).isEqualTo(START + (SAMPLES - 1) * 15_000L);
    }
  }

  /**
   * A Prometheus answering with raw samples (what Prometheus before 2.13 always does; 2.42 does it when only
   * SAMPLES is accepted, which is how this test gets a real sampled answer) is read into XOR chunks: every sample.
   */
  @Test
  void sampledRemoteReadAnswersAreEncodedIntoChunks() {
    io.thanosjvm.wire.prompb.ReadRequest req = io.thanosjvm.wire.prompb.ReadRequest.newBuilder()
        .addQueries(io.thanosjvm.wire.prompb.Query.newBuilder().setStartTimestampMs(START)
            .setEndTimestampMs(START + SAMPLES * 15_000L)
            .addMatchers(io.thanosjvm.wire.prompb.LabelMatcher.newBuilder()
                .setType(io.thanosjvm.wire.prompb.LabelMatcher.Type.EQ).setName("__name__").setValue("up")))
        .addAcceptedResponseTypes(io.thanosjvm.wire.prompb.ReadRequest.ResponseType.SAMPLES).build();
    List<io.thanosjvm.wire.prompb.ChunkedSeries> got = new java.util.ArrayList<>();
    client.streamedRead(req, f -> got.addAll(f.getChunkedSeriesList()));
    assertThat(got).hasSize(1);
    io.thanosjvm.tsdb.chunkenc.XorIterator it = new io.thanosjvm.tsdb.chunkenc.XorIterator();
    int n = 0;
    for (io.thanosjvm.wire.prompb.Chunk c : got.get(0).getChunksList()) {
      assertThat(c.getType()).isEqualTo(io.thanosjvm.wire.prompb.Chunk.Encoding.XOR);
      byte[] d = c.getData().toByteArray();
      it.reset(d, 0, d.length);
      int inChunk = 0;
      while (it.next()) {
        assertThat(it.atT()).isEqualTo(START + n * 15_000L);
        assertThat(it.atV()).isEqualTo((double) n);
        n++;
        inChunk++;
      }
      assertThat(inChunk).isBetween(1, 120);
    }
    assertThat(n).isEqualTo(SAMPLES);
    assertThat(got.get(0).getChunksCount()).isEqualTo(2); // 200 samples: 120 + 80
  }

  @Test
  void timeRangeTrimsChunksToTheRequestedSamples() {
    long from = START + 50 * 15_000L;
    long to = START + 59 * 15_000L;
    List<Series> result = series(request(eq("__name__", "up")).setMinTime(from).setMaxTime(to).build());
    assertThat(result).hasSize(1);
    int samples = 0;
    for (AggrChunk c : result.get(0).getChunksList()) {
      byte[] data = c.getRaw().getData().toByteArray();
      samples += ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    }
    assertThat(samples).isEqualTo(10);
  }

  @Test
  void matcherOnAnExternalLabelDecidesByItsValue() {
    assertThat(series(request(eq("__name__", "up"), eq("cluster", "eu1")).build())).hasSize(1);
    assertThat(series(request(eq("__name__", "up"), re("cluster", "eu.*")).build())).hasSize(1);
    assertThat(series(request(eq("__name__", "up"), eq("cluster", "us1")).build())).isEmpty();
  }

  @Test
  void onlyExternalLabelMatchersIsInvalidArgument() {
    Collector<SeriesResponse> c = new Collector<>();
    store.series(request(eq("cluster", "eu1")).build(), c);
    assertThatThrownBy(c::await).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).contains("no matchers specified (excluding external labels)");
    });
  }

  @Test
  void skipChunksReturnsLabelsOnly() {
    List<Series> result = series(request(re("__name__", "http_.*|up")).setSkipChunks(true).build());
    assertThat(result).hasSize(3);
    assertThat(result).allSatisfy(s -> assertThat(s.getChunksList()).isEmpty());
    assertThat(result).extracting(PrometheusStoreTest::labels)
        .containsExactly(result.stream().map(PrometheusStoreTest::labels).sorted().toArray(String[]::new));
  }

  @Test
  void withoutReplicaLabelsRemovesThemAndKeepsOrder() {
    List<Series> result = series(request(re("__name__", ".+"), eq("job", "api"))
        .addWithoutReplicaLabels("replica").build());
    assertThat(result).extracting(PrometheusStoreTest::labels).containsExactly(
        "__name__=http_requests_total,cluster=eu1,code=200,job=api",
        "__name__=http_requests_total,cluster=eu1,code=500,job=api");
  }

  @Test
  void seriesReorderedByExternalLabelsComeSorted() {
    for (boolean skipChunks : new boolean[] {false, true}) {
      assertThat(series(request(eq("__name__", "reorder_probe")).setSkipChunks(skipChunks).build()))
          .as("skip_chunks=%s", skipChunks).extracting(PrometheusStoreTest::labels).containsExactly(
              "__name__=reorder_probe,cluster=eu1,code=1,replica=a",
              "__name__=reorder_probe,cluster=eu1,replica=a");
      assertThat(series(request(eq("__name__", "reorder_probe")).setSkipChunks(skipChunks).setLimit(1).build()))
          .as("limit applies after sorting").extracting(PrometheusStoreTest::labels)
          .containsExactly("__name__=reorder_probe,cluster=eu1,code=1,replica=a");
    }
  }

  @Test
  void labelNamesWithoutMatchingSeriesAreEmptyWithoutExternalLabels() {
    List<LabelNamesResponse> r = call((o, v) -> store.labelNames(LabelNamesRequest.newBuilder()
        .setStart(START).setEnd(START + SAMPLES * 15_000L).addMatchers(eq("__name__", "nope")).build(), o));
    assertThat(r.get(0).getNamesList()).isEmpty();
  }

  @Test
  void limitCapsTheNumberOfSeries() {
    assertThat(series(request(re("__name__", ".+")).setLimit(2).build())).hasSize(2);
  }

  @Test
  void labelNamesIncludeExternalLabels() {
    List<LabelNamesResponse> r = call((o, v) -> store.labelNames(LabelNamesRequest.newBuilder()
        .setStart(START).setEnd(START + SAMPLES * 15_000L).build(), o));
    assertThat(r.get(0).getNamesList()).containsExactly("__name__", "cluster", "code", "job", "replica");
  }

  @Test
  void labelValuesOfAnExternalLabelIsItsValue() {
    List<LabelValuesResponse> ext = call((o, v) -> store.labelValues(LabelValuesRequest.newBuilder()
        .setLabel("cluster").setStart(START).setEnd(START + SAMPLES * 15_000L).build(), o));
    assertThat(ext.get(0).getValuesList()).containsExactly("eu1");
    List<LabelValuesResponse> job = call((o, v) -> store.labelValues(LabelValuesRequest.newBuilder()
        .setLabel("job").setStart(START).setEnd(START + SAMPLES * 15_000L)
        .addMatchers(eq("__name__", "http_requests_total")).build(), o));
    assertThat(job.get(0).getValuesList()).containsExactly("api");
  }

  @Test
  void unreachablePrometheusIsUnavailablePromptly() throws Exception {
    int closed = PrometheusServer.freePort();
    PrometheusClient down = new PrometheusClient(new PrometheusEndpoint(URI.create("http://127.0.0.1:" + closed),
        Duration.ofSeconds(2)));
    PrometheusStore dead = new PrometheusStore(down, () -> Labels.of("cluster", "eu1"));
    Collector<SeriesResponse> c = new Collector<>();
    long t0 = System.nanoTime();
    dead.series(request(eq("__name__", "up")).build(), c);
    assertThatThrownBy(c::await).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
    assertThat(down.ready()).isFalse();
  }

  /** Collects a stream's messages; rethrows its error. */
  static final class Collector<T> implements StreamObserver<T> {
    private final List<T> items = new ArrayList<>();
    private final CompletableFuture<List<T>> done = new CompletableFuture<>();

    @Override
    public void onNext(T value) {
      items.add(value);
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      done.complete(items);
    }

    List<T> await() {
      try {
        return done.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw (RuntimeException) e.getCause();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static Label label(String n, String v) {
    return Label.newBuilder().setName(n).setValue(v).build();
  }
}
