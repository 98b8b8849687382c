package io.thanosjvm.shipper;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child process for the crash test: ships {@code args[0]} (a TSDB dir) to the bucket of objstore YAML file
 * {@code args[1]} with one shipper sync (external labels {@code cluster="eu1"}), then prints
 * {@code uploaded <n>} and exits 0 (1 when the sync failed).
 */
public final class ShipOnceMain {

  private ShipOnceMain() {}

  /** Runs one sync. */
  public static void main(String[] args) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Path tsdb = Path.of(args[0]);
    try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromFile(Path.of(args[1])), registry,
        Clock.systemUTC(), new BucketFactory.Settings(tsdb.resolveSibling("spool"), Duration.ofMillis(100),
            Duration.ofSeconds(1)))) {
      Shipper shipper = new Shipper(ShipperOptions.sidecar(tsdb, false), bucket, () -> Labels.of("cluster", "eu1"),
          new ShipperMetrics(registry, false), Clock.systemUTC());
      try {
        System.out.println("uploaded " + shipper.sync());
      } catch (ShipperException e) {
        System.out.println("failed " + e.getMessage());
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
