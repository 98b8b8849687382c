package io.thanosjvm.app.sidecar;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.ThanosSidecarProperties;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.shipper.PrometheusBlockDurations;
import io.thanosjvm.shipper.Shipper;
import io.thanosjvm.shipper.ShipperException;
import io.thanosjvm.shipper.ShipperMetrics;
import io.thanosjvm.shipper.ShipperOptions;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's block shipping, like Thanos' sidecar: enabled only when an object store is configured; before
 * the first sync it checks Prometheus' block durations (refusing differing min/max unless told to ignore them);
 * then it syncs the TSDB directory at once and every {@code shipper-sync-interval} (30s), with Prometheus'
 * current external labels, skipping rounds while Prometheus is not ready.
 */
final class SidecarShipper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SidecarShipper.class);

  private final ThanosSidecarProperties props;
  private final PrometheusSidecarState state;
  private final MeterRegistry registry;
  private final Clock clock;
  private ScheduledExecutorService loop;
  private Bucket bucket;
  private Shipper shipper;
  private volatile long minTime = Long.MIN_VALUE;

  SidecarShipper(ThanosSidecarProperties props, PrometheusSidecarState state, MeterRegistry registry, Clock clock) {
    this.props = props;
    this.state = state;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Starts shipping when a bucket is configured.
   *
   * @throws IllegalStateException when Prometheus' block durations forbid shipping
   * @throws IOException when the bucket cannot be created
   */
  synchronized void start() throws IOException {
    if (!props.isShipping()) {
      LOG.info("no supported bucket was configured, uploads will be disabled");
      return;
    }
    ObjstoreConfig config = props.getObjstore().require("thanos.sidecar");
    checkBlockDurations();
    bucket = BucketFactory.create(config, registry, clock);
    ShipperOptions options = new ShipperOptions(Path.of(props.getTsdbPath()), ShipperOptions.SOURCE_SIDECAR,
        props.isShipperUploadCompacted(), props.getShipperMetaFileName(), HashFunc.parse(props.getHashFunc()));
    shipper = new Shipper(options, bucket, this::externalLabels,
        new ShipperMetrics(registry, props.isShipperUploadCompacted()), clock);
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sidecar-shipper");
      t.setDaemon(true);
      return t;
    });
    long every = props.getShipperSyncInterval().toMillis();
    loop.scheduleWithFixedDelay(this::syncOnce, 0, every, TimeUnit.MILLISECONDS);
    LOG.atInfo().addKeyValue("bucket", bucket.name()).addKeyValue("tsdb", options.tsdbDir())
        .log("starting shipper");
  }

  private void checkBlockDurations() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(props.getGetConfigTimeout()).build();
    Optional<PrometheusBlockDurations> durations;
    for (int attempt = 1; ; attempt++) {
      try {
        durations = PrometheusBlockDurations.fetch(http, props.getPrometheusUrl(), props.getGetConfigTimeout());
        break;
      } catch (IOException e) {
        if (attempt == 5) {
          throw new IOException("fetch Prometheus flags: " + e.getMessage(), e);
        }
        LOG.atWarn().addKeyValue("err", e.getMessage())
            .log("failed to get Prometheus flags. Is Prometheus running? Retrying");
        sleep(2000);
      }
    }
    if (durations.isEmpty()) {
      LOG.warn("failed to check Prometheus flags, due to potentially older Prometheus. No extra validation is done.");
      return;
    }
    durations.get().verify(props.isShipperIgnoreUnequalBlockSize()).forEach(LOG::warn);
  }

  private Labels externalLabels() {
    try {
      return state.ready() ? state.servingExternalLabels() : Labels.EMPTY;
    } catch (RuntimeException notReadyAnyMore) {
      return Labels.EMPTY;
    }
  }

  /**
   * The min_time the sidecar advertises: {@link Long#MIN_VALUE} without shipping; while shipping, the oldest
   * local block's minTime after each sync (0 when there is no block yet), as Thanos does.
   */
  long minTime() {
    return minTime;
  }

  private void syncOnce() {
    if (!state.ready()) {
      LOG.atDebug().addKeyValue("err", state.problem()).log("prometheus not ready; shipper waits");
      return;
    }
    try {
      int uploaded = shipper.sync();
      if (uploaded > 0) {
        LOG.atInfo().addKeyValue("uploaded", uploaded).log("shipper synced");
      }
    } catch (ShipperException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).addKeyValue("uploaded", e.uploaded())
          .log("shipper sync failed; retrying next round");
    } catch (RuntimeException e) {
      LOG.atError().setCause(e).log("shipper sync crashed; retrying next round");
    }
    try {
      minTime = shipper.timestamps().minTime();
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).log("reading timestamps failed");
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (loop != null) {
      loop.shutdownNow();
      loop.awaitTermination(30, TimeUnit.SECONDS);
    }
    if (bucket != null) {
      bucket.close();
    }
  }
}
