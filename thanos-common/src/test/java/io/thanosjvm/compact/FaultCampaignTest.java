package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.retry.FaultInjectingProxy;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import io.thanosjvm.store.bucket.BucketBlockRegistry;
import io.thanosjvm.store.bucket.BucketStore;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaign R1: object-store faults during shipping, compaction and serving. A real S3 server (S3Proxy) sits behind
 * a proxy answering 20 % of requests with 503/500, stalling 3 % past the client's timeout and cutting 10 % of
 * response bodies. Through it, 13 two-hour blocks are shipped (a failed upload is retried on the next pass, as the
 * shipper does), the compactor runs iterations until its plan is done (a failed iteration is retried, as the
 * compactor's {@code --wait} loop does), and a store gateway syncs and serves every series. No sample is lost or
 * changed: the store gateway's answer equals the union of the input blocks' samples, value bits included; the
 * retries are visible in {@code thanos_objstore_bucket_operation_retries_total}.
 */
class FaultCampaignTest {

  private static final long SEED = 20_261_207L;
  private static final Map<String, String> LABELS = Map.of("cluster", "eu1");

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void noSampleIsLostWhenAFifthOfObjectStoreRequestsFail() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    long start = Math.floorDiv(clock.millis() - 3 * CompactorTestKit.DAY, 8 * HOUR) * 8 * HOUR;
    List<Path> inputs = CompactorTestKit.generate(dir.resolve("in"), 4, start, 26 * HOUR, 60_000, 2 * HOUR, 5,
        LABELS, clock.instant().minus(Duration.ofHours(2)));
    assertThat(inputs).hasSize(13);
    SortedMap<String, SortedMap<Long, Long>> expected = CompactorTestKit.union(inputs);

    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"));
        FaultInjectingProxy faults = new FaultInjectingProxy(s3.port(), SEED, 0.20, 0.03, 0.10,
            Duration.ofMillis(2500))) {
      s3.createBucket("blocks");
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromString(yaml(faults.port())), metrics,
          clock, new BucketFactory.Settings(dir.resolve("spool"), Duration.ofMillis(5), Duration.ofMillis(100)))) {
        int uploadPasses = ship(bucket, clock, inputs);
        int iterations = compact(bucket, clock);
        SortedMap<String, SortedMap<Long, Long>> served = serve(bucket);
        faults.enabled(false);

        assertThat(served).as("every sample of every series, through faults at every stage").isEqualTo(expected);
        assertThat(CompactorTestKit.visible(bucket, 0)).extracting(m -> m.maxTime() - m.minTime())
            .containsExactlyInAnyOrder(8 * HOUR, 8 * HOUR, 8 * HOUR, 2 * HOUR);
        CompactorTestKit.assertEveryVisibleBlockIsWhole(bucket);
        int injected = faults.count(FaultInjectingProxy.Fault.SLOW_DOWN_503)
            + faults.count(FaultInjectingProxy.Fault.INTERNAL_ERROR_500)
            + faults.count(FaultInjectingProxy.Fault.STALL) + faults.count(FaultInjectingProxy.Fault.CUT_BODY);
        double retries = sum(metrics.scrape(), "thanos_objstore_bucket_operation_retries_total");
        System.out.printf("R1: %d faults injected, %.0f retries, %d upload passes, %d compactor iterations%n",
            injected, retries, uploadPasses, iterations);
        assertThat(injected).isPositive();
        assertThat(retries).isPositive();
      }
    }
  }

  /** Uploads every block, retrying failed ones on later passes; returns the passes needed. */
  private static int ship(Bucket bucket, MutableClock clock, List<Path> blocks) {
    List<Path> pending = new ArrayList<>(blocks);
    int pass = 0;
    while (!pending.isEmpty() && pass < 10) {
      pass++;
      List<Path> failed = new ArrayList<>();
      for (Path b : pending) {
        try {
          new BlockUploader(bucket, clock).upload(b, new UploadOptions(LABELS, "sidecar", 0, true));
        } catch (Exception e) {
          failed.add(b);
        }
      }
      pending = failed;
    }
    assertThat(pending).as("blocks still not shipped after %d passes", pass).isEmpty();
    return pass;
  }

  /** Runs compactor iterations until one completes without error and without work left; returns how many ran. */
  private int compact(Bucket bucket, MutableClock clock) throws Exception {
    clock.advance(Duration.ofHours(1));
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data")).build(),
        new BlockCompactor(), clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    int compactions = 0;
    for (int i = 1; i <= 20; i++) {
      IterationResult r = compactor.runIteration();
      compactions += r.compactions();
      if (r.error().isEmpty() && r.outcome() == IterationResult.Outcome.COMPLETED && compactions >= 3
          && r.compactions() == 0) {
        return i;
      }
    }
    throw new AssertionError("the compactor did not finish its plan in 20 iterations (" + compactions
        + " compactions)");
  }

  /** Syncs a store gateway until every block is loaded, then reads every series (retrying a failed call). */
  private SortedMap<String, SortedMap<Long, Long>> serve(Bucket bucket) throws Exception {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
        new MetaFetcher(bucket, 2, List.of(), new FetcherMetrics(meters)), dir.resolve("store"), 2);
    try {
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 4, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      for (int i = 0; i < 10 && registry.sync().failed() > 0; i++) {
        // a block whose index-header could not be built is retried on the next sync, as the gateway does
      }
      SeriesRequest request = SeriesRequest.newBuilder().setMinTime(Long.MIN_VALUE).setMaxTime(Long.MAX_VALUE)
          .addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName("__name__").setValue(".+"))
          .build();
      for (int attempt = 1; ; attempt++) {
        Collector c = new Collector();
        store.series(request, c);
        if (c.error == null) {
          return c.samples;
        }
        assertThat(attempt).as("series call failed: %s", c.error).isLessThan(5);
      }
    } finally {
      registry.close();
    }
  }

  /** Decodes the streamed series into labels (external labels removed) to timestamp to value bits. */
  private static final class Collector implements StreamObserver<SeriesResponse> {
    final SortedMap<String, SortedMap<Long, Long>> samples = new TreeMap<>();
    Throwable error;

    @Override
    public void onNext(SeriesResponse r) {
      if (!r.hasSeries()) {
        return;
      }
      Labels.Builder b = Labels.builder();
      r.getSeries().getLabelsList().forEach(l -> {
        if (!LABELS.containsKey(l.getName())) {
          b.set(l.getName(), l.getValue());
        }
      });
      SortedMap<Long, Long> m = samples.computeIfAbsent(b.build().toString(), k -> new TreeMap<>());
      for (AggrChunk c : r.getSeries().getChunksList()) {
        XorIterator it = new XorIterator(c.getRaw().getData().toByteArray());
        while (it.next()) {
          long bits = Double.doubleToRawLongBits(it.atV());
          Long prev = m.put(it.atT(), bits);
          if (prev != null && prev != bits) {
            throw new AssertionError("two values at " + it.atT() + " for " + b.build());
          }
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {}
  }

  private static String yaml(int port) {
    return String.join("\n", "type: S3", "config:", "  bucket: blocks", "  endpoint: 127.0.0.1:" + port,
        "  insecure: true", "  bucket_lookup_type: path", "  access_key: " + S3ProxyServer.ACCESS_KEY,
        "  secret_key: " + S3ProxyServer.SECRET_KEY, "  max_retries: 25", "  http_config:",
        "    response_header_timeout: 1s");
  }

  private static double sum(String scrape, String metric) {
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*\\} (\\S+)$").matcher(scrape);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
