package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.head.StoredSeries;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.receive.hashring.HashringAlgorithm;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Receivers assembled in-process: the write handler's statuses and messages for good and bad requests (what is
 * valid in a mixed request is kept), tenants, relabelling, and three receivers forwarding to each other over real
 * gRPC with replication factor 3 (quorum 2), one and then two of them stopped.
 */
class ReceiverTest {

  private Path dir;
  private final List<Receiver> receivers = new ArrayList<>();
  private final List<Server> servers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("receiver");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Server s : servers) {
      s.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    for (Receiver r : receivers) {
      r.close();
    }
    Promtool.deleteTree(dir);
  }

  private Receiver receiver(String name, String localEndpoint, HashringSource ring, RequestLimits limits,
      String relabel) throws Exception {
    return receiver(name, localEndpoint, ring, TenantRequestLimits.uniform(limits), relabel);
  }

  private Receiver receiver(String name, String localEndpoint, HashringSource ring, TenantRequestLimits limits,
      String relabel) throws Exception {
    Receiver.Settings s = new Receiver.Settings(
        new MultiTsdbSettings(dir.resolve(name), TsdbOptions.defaults(), Labels.of("receive_replica", name),
            "tenant_id", Duration.ZERO, HashFunc.NONE),
        localEndpoint, 3, Duration.ofSeconds(5), "snappy",
        new ReceiveHandler.Settings("THANOS-TENANT", "default-tenant", "THANOS-REPLICA", limits,
            relabel.isEmpty() ? List.of() : RelabelConfigParser.parse(relabel)),
        ActiveSeriesLimit.NONE);
    Receiver r = Receiver.start(s, Optional.empty(), ring, Clock.systemUTC(), new SimpleMeterRegistry());
    receivers.add(r);
    return r;
  }

  private Receiver ingestor() throws Exception {
    return receiver("r0", "", HashringSource.none(), new RequestLimits(0, 0, 0, 1 << 20), "");
  }

  private static TimeSeries series(long t, double v, String... pairs) {
    TimeSeries.Builder b = TimeSeries.newBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.addLabels(Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
    }
    return b.addSamples(Sample.newBuilder().setTimestamp(t).setValue(v)).build();
  }

  private static byte[] body(TimeSeries... series) throws Exception {
    return Snappy.compress(WriteRequest.newBuilder().addAllTimeseries(List.of(series)).build().toByteArray());
  }

  private static ReceiveHandler.Response post(Receiver r, byte[] body, String... headers) {
    Map<String, String> h = new HashMap<>();
    h.put("content-type", "application/x-protobuf");
    h.put("content-encoding", "snappy");
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(), headers[i + 1]);
    }
    return r.handler().handle(name -> h.get(name.toLowerCase()), body);
  }

  private static List<Labels> stored(Receiver r, String tenant) {
    List<Labels> out = new ArrayList<>();
    var t = r.tsdbs().tenants().get(tenant);
    if (t == null) {
      return out;
    }
    Iterator<StoredSeries> it = t.tsdb().select(Long.MIN_VALUE, Long.MAX_VALUE,
        List.of(Matcher.regex("__name__", ".+")));
    it.forEachRemaining(s -> out.add(s.labels()));
    return out;
  }

  @Test
  void aValidWriteIsStoredForTheDefaultTenant() throws Exception {
    Receiver r = ingestor();
    ReceiveHandler.Response resp = post(r, body(series(1000, 1, "__name__", "up", "job", "a")));
    assertThat(resp.status()).as(resp.body()).isEqualTo(200);
    assertThat(stored(r, "default-tenant")).containsExactly(Labels.of("__name__", "up", "job", "a"));
    assertThat(r.store().labelSets()).hasSize(1);
    assertThat(dir.resolve("r0/default-tenant/wal")).isDirectory();
  }

  @Test
  void theTenantHeaderChoosesTheTenant() throws Exception {
    Receiver r = ingestor();
    assertThat(post(r, body(series(1000, 1, "__name__", "up")), "THANOS-TENANT", "team-a").status())
        .isEqualTo(200);
    assertThat(stored(r, "team-a")).hasSize(1);
    assertThat(stored(r, "default-tenant")).isEmpty();
    ReceiveHandler.Response bad = post(r, body(series(1000, 1, "__name__", "up")), "THANOS-TENANT", "../x");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("Tenant name not valid");
  }

  @Test
  void garbageAndWrongEncodingsAreRefusedWithTheirReason() throws Exception {
    Receiver r = ingestor();
    ReceiveHandler.Response garbage = post(r, "not snappy at all".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).contains("snappy");
    ReceiveHandler.Response notProto = post(r, Snappy.compress(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01}));
    assertThat(notProto.status()).isEqualTo(400);
    assertThat(notProto.body()).contains("unmarshal write request");
    ReceiveHandler.Response gzip = post(r, body(series(1000, 1, "__name__", "up")), "Content-Encoding", "gzip");
    assertThat(gzip.status()).isEqualTo(415);
    assertThat(gzip.body()).contains("Content-Encoding");
    ReceiveHandler.Response v2 = post(r, body(series(1000, 1, "__name__", "up")), "Content-Type",
        "application/x-protobuf;proto=io.prometheus.write.v2.Request");
    assertThat(v2.status()).as("a 1.0 body sent as 2.0").isEqualTo(400);
    assertThat(v2.body()).contains("not a remote write 2.0 request");
    ReceiveHandler.Response otherProto = post(r, body(series(1000, 1, "__name__", "up")), "Content-Type",
        "application/x-protobuf;proto=example.OtherRequest");
    assertThat(otherProto.status()).isEqualTo(415);
    assertThat(otherProto.body()).contains("Content-Type");
    ReceiveHandler.Response version = post(r, body(series(1000, 1, "__name__", "up")),
        RemoteWriteBody.VERSION_HEADER, "7.0.0");
    assertThat(version.status()).isEqualTo(415);
    ReceiveHandler.Response replica = post(r, body(series(1000, 1, "__name__", "up")), "THANOS-REPLICA", "x");
    assertThat(replica.status()).isEqualTo(400);
    assertThat(stored(r, "default-tenant")).isEmpty();
  }

  @Test
  void outOfOrderSamplesAreAConflictAndTheRestIsKept() throws Exception {
    Receiver r = ingestor();
    assertThat(post(r, body(series(2000, 1, "__name__", "up"))).status()).isEqualTo(200);
    ReceiveHandler.Response resp = post(r, body(series(1000, 2, "__name__", "up"),
        series(1000, 3, "__name__", "other")));
    assertThat(resp.status()).isEqualTo(409);
    assertThat(resp.body()).contains("out of order sample").contains("__name__=\"up\"");
    assertThat(stored(r, "default-tenant")).contains(Labels.of("__name__", "other"));
    ReceiveHandler.Response dup = post(r, body(series(2000, 5, "__name__", "up")));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.body()).contains("duplicate sample for timestamp");
  }

  @Test
  void invalidLabelsAreRefusedAndValidSeriesOfTheRequestKept() throws Exception {
    Receiver r = ingestor();
    for (TimeSeries bad : List.of(series(1000, 1, "__name__", "up", "a-b", "x"),
        series(1000, 1, "__name__", "up", "job", "a", "job", "b"),
        series(1000, 1, "job", "a", "__name__", "up"),
        series(1000, 1),
        series(1000, 1, "__name__", "up", "job", ""),
        series(1000, 1, "__name__", "1up"))) {
      ReceiveHandler.Response resp = post(r, body(bad, series(1000, 1, "__name__", "kept", "n",
          Integer.toString(bad.hashCode()))));
      assertThat(resp.status()).as("%s: %s", bad.getLabelsList(), resp.body()).isEqualTo(400);
      assertThat(resp.body()).contains("invalid labels");
    }
    assertThat(stored(r, "default-tenant")).hasSize(6).allSatisfy(l -> assertThat(l.metricName()).isEqualTo("kept"));
  }

  @Test
  void oversizedRequestsAreRefusedBeforeDecoding() throws Exception {
    Receiver r = receiver("r0", "", HashringSource.none(), new RequestLimits(200, 2, 0, 1 << 20), "");
    TimeSeries big = series(1000, 1, "__name__", "up", "pad", "x".repeat(1000));
    ReceiveHandler.Response size = post(r, Snappy.compress(new byte[300_000]));
    assertThat(size.status()).isEqualTo(413);
    assertThat(size.body()).contains("too large");
    ReceiveHandler.Response count = post(r, body(series(1, 1, "__name__", "a"), series(1, 1, "__name__", "b"),
        series(1, 1, "__name__", "c")));
    assertThat(count.status()).isEqualTo(413);
    assertThat(count.body()).contains("too many timeseries");
    assertThat(post(r, body(big)).status()).as("compressed size counts").isEqualTo(200);
  }

  @Test
  void requestLimitsOfTheLimitsFileApplyPerTenantWithOverridesInheritingTheDefault() throws Exception {
    LimitsConfig limits = LimitsConfig.parse("""
        write:
          default:
            request:
              series_limit: 2
              size_bytes_limit: 100000
          tenants:
            big:
              request:
                series_limit: 5
            small:
              request:
                samples_limit: 1
        """);
    Receiver r = receiver("r0", "", HashringSource.none(), limits.request(), "");
    byte[] three = body(series(1, 1, "__name__", "a"), series(1, 1, "__name__", "b"), series(1, 1, "__name__", "c"));
    ReceiveHandler.Response def = post(r, three);
    assertThat(def.status()).as("Thanos answers request limits with 413").isEqualTo(413);
    assertThat(def.body()).startsWith("too many timeseries");
    assertThat(post(r, three, "THANOS-TENANT", "big").status()).as("big's own series limit").isEqualTo(200);
    byte[] six = body(series(2, 1, "__name__", "a"), series(2, 1, "__name__", "b"), series(2, 1, "__name__", "c"),
        series(2, 1, "__name__", "d"), series(2, 1, "__name__", "e"), series(2, 1, "__name__", "f"));
    assertThat(post(r, six, "THANOS-TENANT", "big").status()).isEqualTo(413);
    ReceiveHandler.Response samples = post(r, body(series(1, 1, "__name__", "a"), series(1, 1, "__name__", "b")),
        "THANOS-TENANT", "small");
    assertThat(samples.status()).isEqualTo(413);
    assertThat(samples.body()).startsWith("too many samples");
    assertThat(post(r, three, "THANOS-TENANT", "small").body()).as("series limit inherited from the default")
        .startsWith("too many timeseries");
    assertThat(post(r, body(series(1, 1, "__name__", "a")), "THANOS-TENANT", "small").status()).isEqualTo(200);
    byte[] noise = new byte[150_000];
    new java.util.Random(16).nextBytes(noise);
    assertThat(post(r, Snappy.compress(noise), "THANOS-TENANT", "small").status())
        .as("size limit inherited from the default").isEqualTo(413);
    assertThat(stored(r, "big")).hasSize(3);
    assertThat(stored(r, "small")).hasSize(1);
    assertThat(stored(r, "default-tenant")).isEmpty();
  }

  @Test
  void relabelRulesApplyBeforeStoring() throws Exception {
    Receiver r = receiver("r0", "", HashringSource.none(), RequestLimits.DEFAULT,
        "- action: drop\n  source_labels: [job]\n  regex: drop-me\n- action: labeldrop\n  regex: secret\n");
    assertThat(post(r, body(series(1000, 1, "__name__", "up", "job", "drop-me"),
        series(1000, 1, "__name__", "up", "job", "keep", "secret", "s"))).status()).isEqualTo(200);
    assertThat(stored(r, "default-tenant")).containsExactly(Labels.of("__name__", "up", "job", "keep"));
  }

  @Test
  void threeReceiversReplicateAndKeepTheQuorumWithOneDown() throws Exception {
    int[] ports = new int[3];
    List<String> endpoints = new ArrayList<>();
    List<Server> reserved = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).build().start();
      ports[i] = s.getPort();
      reserved.add(s);
      endpoints.add("127.0.0.1:" + ports[i]);
    }
    for (Server s : reserved) {
      s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    String json = "[{\"endpoints\": [\"" + String.join("\", \"", endpoints) + "\"]}]";
    List<Receiver> rs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Receiver r = receiver("r" + i, endpoints.get(i), HashringSource.inline(json, HashringAlgorithm.KETAMA, 3),
          RequestLimits.DEFAULT, "");
      assertThat(r.mode()).isEqualTo(ReceiverMode.ROUTER_INGESTOR);
      rs.add(r);
      servers.add(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", ports[i]))
          .decompressorRegistry(SnappyCodec.decompressorRegistry()).compressorRegistry(SnappyCodec.compressorRegistry())
          .addService(r.writeableStore()).build().start());
    }
    List<TimeSeries> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(series(1000, i, "__name__", "m", "i", Integer.toString(i)));
    }
    ReceiveHandler.Response ok = post(rs.get(0), body(batch.toArray(TimeSeries[]::new)));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    // the answer comes once 2 of 3 replicas are written; the third may still be on its way
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Receiver r : rs) {
      while (stored(r, "default-tenant").size() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(stored(r, "default-tenant")).as("every series on every receiver (RF=3)").hasSize(20);
    }
    servers.get(2).shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    ReceiveHandler.Response quorum = post(rs.get(0), body(series(2000, 1, "__name__", "m", "i", "0")));
    assertThat(quorum.status()).as("2 of 3 is the quorum: %s", quorum.body()).isEqualTo(200);
    servers.get(1).shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    ReceiveHandler.Response lost = post(rs.get(0), body(series(3000, 1, "__name__", "m", "i", "0")));
    assertThat(lost.status()).as(lost.body()).isEqualTo(503);
    assertThat(lost.body()).contains("write quorum");
  }
}
