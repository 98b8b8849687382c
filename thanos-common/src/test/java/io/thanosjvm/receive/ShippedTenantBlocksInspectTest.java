package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tools.bucket.InspectCommand;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Issue #16, acceptance point 3, second half: two tenants write through receive's handler ({@code THANOS-TENANT}),
 * their TSDBs are flushed and shipped to a filesystem bucket (idle tenants, as {@code thanos receive} does on its
 * maintenance loop), and {@code tools bucket inspect} (its command code, over the same bucket through its
 * {@code --objstore.config}) lists each tenant's block with its {@code tenant_id} label, the receiver's external
 * label and source {@code receive}.
 */
class ShippedTenantBlocksInspectTest {

  private static final long T0 = 1_718_841_600_000L;

  private Path dir;
  private MutableClock clock;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("receive-inspect");
    clock = new MutableClock(Instant.ofEpochMilli(T0));
  }

  @AfterEach
  void tearDown() throws Exception {
    Promtool.deleteTree(dir);
  }

  @Test
  void inspectShowsEachTenantsShippedBlockWithItsTenantLabel() throws Exception {
    Path bucketDir = Files.createDirectories(dir.resolve("bucket"));
    Receiver.Settings settings = new Receiver.Settings(
        new MultiTsdbSettings(dir.resolve("receive"), TsdbOptions.defaults(), Labels.of("receive_replica", "r0"),
            "tenant_id", Duration.ofMinutes(5), HashFunc.NONE),
        "", 1, Duration.ofSeconds(5), "snappy",
        new ReceiveHandler.Settings("THANOS-TENANT", "default-tenant", "THANOS-REPLICA", RequestLimits.DEFAULT,
            List.of()),
        ActiveSeriesLimit.NONE);
    try (Receiver r = Receiver.start(settings, Optional.of(new FilesystemBucket(bucketDir)), HashringSource.none(),
        clock, new SimpleMeterRegistry())) {
      for (String tenant : List.of("team-a", "team-b")) {
        for (int i = 0; i < 3; i++) {
          ReceiveHandler.Response resp = post(r, tenant, series(tenant, T0 + i * 15_000L, i));
          assertThat(resp.status()).as(resp.body()).isEqualTo(200);
        }
      }
      clock.advance(Duration.ofMinutes(6));
      assertThat(r.tsdbs().flushIdle()).containsExactlyInAnyOrder("team-a", "team-b");
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new InspectCommand(clock).run(List.of("--objstore.config={type: FILESYSTEM, config: {directory: '"
        + bucketDir + "'}}", "--output=tsv"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> rows = table.lines().skip(1).filter(l -> !l.isBlank()).toList();
    assertThat(rows).as(table).hasSize(2);
    for (String tenant : List.of("team-a", "team-b")) {
      assertThat(rows).as(table).filteredOn(l -> l.contains("tenant_id=" + tenant)).singleElement()
          .satisfies(row -> assertThat(row).as("1 series, 3 samples, 1 chunk, source receive")
              .contains("receive_replica=r0", "\t1\t3\t1\t", "\treceive"));
    }
  }

  private static TimeSeries series(String tenant, long t, double v) {
    return TimeSeries.newBuilder().addLabels(Label.newBuilder().setName("__name__").setValue("up"))
        .addLabels(Label.newBuilder().setName("job").setValue(tenant))
        .addSamples(Sample.newBuilder().setTimestamp(t).setValue(v)).build();
  }

  private static ReceiveHandler.Response post(Receiver r, String tenant, TimeSeries ts) throws Exception {
    byte[] body = Snappy.compress(WriteRequest.newBuilder().addTimeseries(ts).build().toByteArray());
    Map<String, String> h = Map.of("content-type", "application/x-protobuf", "content-encoding", "snappy",
        "thanos-tenant", tenant);
    return r.handler().handle(name -> h.get(name.toLowerCase()), body);
  }
}
