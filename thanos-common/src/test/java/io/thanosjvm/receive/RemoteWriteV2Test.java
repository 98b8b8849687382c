package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Remote write 2.0 ({@code application/x-protobuf;proto=io.prometheus.write.v2.Request}): requests encoded here
 * by hand with the field numbers of Prometheus' {@code io/prometheus/write/v2/types.proto} (independent of the
 * generated classes the receiver reads with) are translated to 1.0, stored, answered with the written-count
 * headers and read back over the StoreAPI; bodies that are not 2.0 requests get 400 with what was wrong.
 */
class RemoteWriteV2Test {

  private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";
  private static final List<String> SYMBOLS = List.of("", "__name__", "v2_requests_total", "job", "api",
      "instance", "a", "b", "trace_id", "abc", "requests served");

  private Path dir;
  private Receiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("receive-v2");
    Receiver.Settings s = new Receiver.Settings(
        new MultiTsdbSettings(dir, TsdbOptions.defaults(), Labels.of("receive_replica", "r0"), "tenant_id",
            Duration.ZERO, HashFunc.NONE),
        "", 1, Duration.ofSeconds(5), "snappy",
        new ReceiveHandler.Settings("THANOS-TENANT", "default-tenant", "THANOS-REPLICA", RequestLimits.DEFAULT,
            List.of()),
        ActiveSeriesLimit.NONE);
    receiver = Receiver.start(s, Optional.empty(), HashringSource.none(), Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() throws Exception {
    receiver.close();
    Promtool.deleteTree(dir);
  }

  @Test
  void aRemoteWrite2RequestIsTranslatedStoredAndAnsweredWithTheWrittenCounts() throws Exception {
    byte[] a = series(new int[] {1, 2, 5, 6, 3, 4}, new long[] {1000, 2000}, new double[] {1.5, 2.5}, true);
    byte[] b = series(new int[] {1, 2, 5, 7, 3, 4}, new long[] {1000}, new double[] {7}, false);
    ReceiveHandler.Response resp = post(request(SYMBOLS, a, b), "Content-Type", V2,
        RemoteWriteBody.VERSION_HEADER, "2.0.0");
    assertThat(resp.status()).as(resp.body()).isEqualTo(200);
    assertThat(resp.headers()).containsEntry(RemoteWriteV2Body.SAMPLES_WRITTEN, "3")
        .containsEntry(RemoteWriteV2Body.HISTOGRAMS_WRITTEN, "0")
        .as("exemplars are not stored").containsEntry(RemoteWriteV2Body.EXEMPLARS_WRITTEN, "0");

    Map<String, List<String>> got = seriesOverStoreApi("v2_requests_total");
    assertThat(got).containsOnlyKeys(
        "__name__=v2_requests_total,instance=a,job=api,receive_replica=r0,tenant_id=default-tenant",
        "__name__=v2_requests_total,instance=b,job=api,receive_replica=r0,tenant_id=default-tenant");
    assertThat(got.get("__name__=v2_requests_total,instance=a,job=api,receive_replica=r0,tenant_id=default-tenant"))
        .containsExactly("1000=1.5", "2000=2.5");
    assertThat(got.get("__name__=v2_requests_total,instance=b,job=api,receive_replica=r0,tenant_id=default-tenant"))
        .containsExactly("1000=7.0");
  }

  @Test
  void bodiesThatAreNotRemoteWrite2RequestsAreRefusedWith400() throws Exception {
    ReceiveHandler.Response garbage = post("garbage".getBytes(StandardCharsets.UTF_8), "Content-Type", V2);
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).contains("snappy");
    ReceiveHandler.Response notProto = post(Snappy.compress(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01}),
        "Content-Type", V2);
    assertThat(notProto.status()).isEqualTo(400);
    assertThat(notProto.body()).contains("unmarshal remote write 2.0 request");
    // a 1.0 body (field 1: timeseries) with the 2.0 content type
    ByteArrayOutputStream v1 = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(v1);
    out.writeByteArray(1, series(new int[] {1, 2}, new long[] {1000}, new double[] {1}, false));
    out.flush();
    ReceiveHandler.Response wrongSchema = post(Snappy.compress(v1.toByteArray()), "Content-Type", V2);
    assertThat(wrongSchema.status()).isEqualTo(400);
    assertThat(wrongSchema.body()).contains("not a remote write 2.0 request");
    ReceiveHandler.Response outside = post(request(SYMBOLS,
        series(new int[] {1, 2, 3, 99}, new long[] {1000}, new double[] {1}, false)), "Content-Type", V2);
    assertThat(outside.status()).isEqualTo(400);
    assertThat(outside.body()).contains("symbol 99 outside the symbols table");
    ReceiveHandler.Response odd = post(request(SYMBOLS,
        series(new int[] {1, 2, 3}, new long[] {1000}, new double[] {1}, false)), "Content-Type", V2);
    assertThat(odd.status()).isEqualTo(400);
    assertThat(odd.body()).contains("odd number of labels_refs");
    ReceiveHandler.Response unknownProto = post(request(SYMBOLS), "Content-Type",
        "application/x-protobuf;proto=io.prometheus.write.v3.Request");
    assertThat(unknownProto.status()).isEqualTo(415);
    assertThat(seriesOverStoreApi("v2_requests_total")).isEmpty();
    assertThat(receiver.ready()).isTrue();
  }

  /** A {@code TimeSeries}: 1 labels_refs (packed), 2 samples, 4 exemplars, 5 metadata. */
  private static byte[] series(int[] refs, long[] ts, double[] vs, boolean exemplarAndMetadata) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    int packed = 0;
    for (int r : refs) {
      packed += CodedOutputStream.computeUInt32SizeNoTag(r);
    }
    out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(packed);
    for (int r : refs) {
      out.writeUInt32NoTag(r);
    }
    for (int i = 0; i < ts.length; i++) {
      double v = vs[i];
      long t = ts[i];
      out.writeByteArray(2, message(o -> {
        o.writeDouble(1, v);
        o.writeInt64(2, t);
      }));
    }
    if (exemplarAndMetadata) {
      out.writeByteArray(4, message(o -> {
        o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        o.writeUInt32NoTag(2);
        o.writeUInt32NoTag(8);
        o.writeUInt32NoTag(9);
        o.writeDouble(2, 1);
        o.writeInt64(3, 1000);
      }));
      out.writeByteArray(5, message(o -> {
        o.writeEnum(1, 1); // counter
        o.writeUInt32(3, 10);
      }));
    }
    out.flush();
    return buf.toByteArray();
  }

  /** A snappy-compressed {@code Request}: 4 symbols, 5 timeseries. */
  private static byte[] request(List<String> symbols, byte[]... series) throws IOException {
    return Snappy.compress(message(o -> {
      for (String s : symbols) {
        o.writeString(4, s);
      }
      for (byte[] s : series) {
        o.writeByteArray(5, s);
      }
    }));
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    fields.write(out);
    out.flush();
    return buf.toByteArray();
  }

  private ReceiveHandler.Response post(byte[] body, String... headers) {
    Map<String, String> h = new HashMap<>();
    h.put("content-encoding", "snappy");
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(), headers[i + 1]);
    }
    return receiver.handler().handle(name -> h.get(name.toLowerCase()), body);
  }

  /** Every series of {@code metric} over the receiver's StoreAPI: labels → "t=v" samples. */
  private Map<String, List<String>> seriesOverStoreApi(String metric) {
    Map<String, List<String>> out = new TreeMap<>();
    List<Throwable> errors = new ArrayList<>();
    receiver.store().series(SeriesRequest.newBuilder().setMinTime(0).setMaxTime(Long.MAX_VALUE)
        .addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.EQ).setName("__name__").setValue(metric))
        .build(), new StreamObserver<>() {
          @Override
          public void onNext(SeriesResponse r) {
            if (!r.hasSeries()) {
              return;
            }
            List<String> names = new ArrayList<>();
            for (Label l : r.getSeries().getLabelsList()) {
              names.add(l.getName() + "=" + l.getValue());
            }
            List<String> samples = new ArrayList<>();
            for (AggrChunk c : r.getSeries().getChunksList()) {
              XorIterator it = new XorIterator(c.getRaw().getData().toByteArray());
              while (it.next()) {
                samples.add(it.atT() + "=" + it.atV());
              }
            }
            out.merge(String.join(",", names), samples, (x, y) -> {
              x.addAll(y);
              return x;
            });
          }

          @Override
          public void onError(Throwable t) {
            errors.add(t);
          }

          @Override
          public void onCompleted() {}
        });
    assertThat(errors).isEmpty();
    return out;
  }
}
