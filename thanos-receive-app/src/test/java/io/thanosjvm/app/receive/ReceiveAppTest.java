package io.thanosjvm.app.receive;

import io.thanosjvm.receive.RemoteWriteServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import io.thanosjvm.wire.writev2.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.xerial.snappy.Snappy;

/**
 * {@code thanos receive} as a process would run it (ingestor only): remote write on its own listener, a tenant
 * directory per tenant, StoreAPI and Info over gRPC with {@code --label} and the tenant label attached, refusals
 * with status and message while staying healthy, and Thanos' metric names on {@code /metrics}.
 */
class ReceiveAppTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path tmp;

  static ConfigurableApplicationContext start(String... flags) {
    int[] exit = {0};
    ConfigurableApplicationContext app = ThanosReceiveApplication.run(ThanosCommandLine.prepare("receive", flags,
        System.out, System.err, exit));
    assertThat(exit[0]).isZero();
    return app;
  }

  static int remoteWritePort(ConfigurableApplicationContext app) {
    return app.getBean(RemoteWriteServer.class).port();
  }

  static HttpResponse<String> post(int port, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/receive"))
        .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0");
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static byte[] body(long t, String... pairs) throws Exception {
    TimeSeries.Builder ts = TimeSeries.newBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      ts.addLabels(Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
    }
    ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(1));
    return Snappy.compress(WriteRequest.newBuilder().addTimeseries(ts).build().toByteArray());
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ingestsServesAndRefusesBadInputWhileStayingHealthy() throws Exception {
    ConfigurableApplicationContext app = start("--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--remote-write.address=127.0.0.1:0", "--tsdb.path=" + tmp.resolve("data"), "--label=replica=\"r0\"");
    int httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    int rw = remoteWritePort(app);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      assertThat(get(httpPort, "/-/ready").statusCode()).isEqualTo(200);
      long now = System.currentTimeMillis();
      HttpResponse<String> ok = post(rw, body(now, "__name__", "up", "job", "a"));
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(post(rw, body(now, "__name__", "up", "job", "b"), "THANOS-TENANT", "team-b").statusCode())
          .isEqualTo(200);
      assertThat(tmp.resolve("data/default-tenant/wal")).isDirectory();
      assertThat(tmp.resolve("data/team-b/wal")).isDirectory();

      HttpResponse<String> garbage = post(rw, "garbage".getBytes());
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).contains("snappy");
      HttpResponse<String> ooo = post(rw, body(now - 1000, "__name__", "up", "job", "a"));
      assertThat(ooo.statusCode()).isEqualTo(409);
      assertThat(ooo.body()).contains("out of order sample");
      HttpResponse<String> badName = post(rw, body(now, "__name__", "up", "bad-name", "x"));
      assertThat(badName.statusCode()).isEqualTo(400);
      assertThat(badName.body()).contains("invalid label name");
      HttpResponse<String> v1AsV2 = post(rw, body(now, "__name__", "up"), "Content-Type",
          "application/x-protobuf;proto=io.prometheus.write.v2.Request");
      assertThat(v1AsV2.statusCode()).as("a 1.0 body sent as 2.0: %s", v1AsV2.body()).isEqualTo(400);
      HttpResponse<String> v2 = post(rw, Snappy.compress(Request.newBuilder().addAllSymbols(List.of("", "__name__",
          "v2_up", "job", "a")).addTimeseries(io.thanosjvm.wire.writev2.TimeSeries.newBuilder()
          .addAllLabelsRefs(List.of(1, 2, 3, 4)).addSamples(io.thanosjvm.wire.writev2.Sample.newBuilder()
              .setTimestamp(now).setValue(1))).build().toByteArray()), "Content-Type",
          "application/x-protobuf;proto=io.prometheus.write.v2.Request", "X-Prometheus-Remote-Write-Version", "2.0.0");
      assertThat(v2.statusCode()).as("remote write 2.0: %s", v2.body()).isEqualTo(200);
      assertThat(v2.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).hasValue("1");
      HttpResponse<String> otherProto = post(rw, body(now, "__name__", "up"), "Content-Type",
          "application/x-protobuf;proto=example.OtherRequest");
      assertThat(otherProto.statusCode()).isEqualTo(415);
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rw + "/api/v1/receive"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[80 << 20])).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).as("oversized").isEqualTo(413);
      assertThat(get(httpPort, "/-/healthy").statusCode()).isEqualTo(200);

      InfoResponse info = InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance());
      assertThat(info.getComponentType()).isEqualTo("receive");
      assertThat(info.getLabelSetsList()).hasSize(2);
      List<String> got = new ArrayList<>();
      StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(SeriesRequest.newBuilder()
          .setMinTime(now - 60_000).setMaxTime(now + 60_000).addMatchers(LabelMatcher.newBuilder()
              .setName("__name__").setValue("up")).build())
          .forEachRemaining((SeriesResponse r) -> got.add(r.getSeries().getLabelsList().stream()
              .map(l -> l.getName() + "=" + l.getValue()).toList().toString()));
      assertThat(got).containsExactly("[__name__=up, job=a, replica=r0, tenant_id=default-tenant]",
          "[__name__=up, job=b, replica=r0, tenant_id=team-b]");

      String metrics = get(httpPort, "/metrics").body();
      assertThat(metrics).contains("thanos_receive_write_timeseries_count{code=\"200\",tenant=\"default-tenant\"}")
          .containsPattern("http_requests_total\\{code=\"409\",handler=\"receive\",method=\"post\"} 1")
          .contains("prometheus_tsdb_head_series{tenant=\"team-b\"} 1")
          .contains("thanos_receive_replication_factor 1");
    } finally {
      channel.shutdownNow();
      app.close();
    }
    assertThat(Files.exists(tmp.resolve("data/default-tenant/wal"))).isTrue();
  }
}
