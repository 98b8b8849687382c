package io.thanosjvm.app.rule;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.ThanosRuleProperties;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.shipper.Shipper;
import io.thanosjvm.shipper.ShipperException;
import io.thanosjvm.shipper.ShipperMetaFile;
import io.thanosjvm.shipper.ShipperMetrics;
import io.thanosjvm.shipper.ShipperOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the ruler's blocks (source {@code ruler}, external labels from {@code --label}) when a bucket is
 * configured: at once, whenever the TSDB cuts a block, and every 30s, as Thanos' ruler.
 */
final class RuleShipper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RuleShipper.class);

  private final Shipper shipper;
  private final ScheduledExecutorService loop;

  private RuleShipper(Shipper shipper, ScheduledExecutorService loop) {
    this.shipper = shipper;
    this.loop = loop;
  }

  static RuleShipper start(ThanosRuleProperties props, LocalTsdb tsdb, Labels externalLabels, MeterRegistry registry)
      throws IOException {
    if (!props.isShipping()) {
      LOG.info("no supported bucket was configured, uploads will be disabled");
      return new RuleShipper(null, null);
    }
    ObjstoreConfig config = props.getObjstore().require("thanos.rule");
    Bucket bucket = BucketFactory.create(config, registry, Clock.systemUTC());
    ShipperOptions options = new ShipperOptions(Path.of(props.getDataDir()), "ruler", false,
        ShipperMetaFile.DEFAULT_FILE_NAME, HashFunc.parse(props.getHashFunc()));
    Shipper shipper = new Shipper(options, bucket, () -> externalLabels, new ShipperMetrics(registry, false),
        Clock.systemUTC());
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ruler-shipper");
      t.setDaemon(true);
      return t;
    });
    RuleShipper s = new RuleShipper(shipper, loop);
    tsdb.addBlockListener((dir, meta) -> loop.execute(s::syncOnce));
    loop.scheduleWithFixedDelay(s::syncOnce, 0, 30, TimeUnit.SECONDS);
    LOG.atInfo().addKeyValue("bucket", bucket.name()).log("starting shipper");
    return s;
  }

  private void syncOnce() {
    try {
      int n = shipper.sync();
      if (n > 0) {
        LOG.atInfo().addKeyValue("uploaded", n).log("shipped blocks");
      }
    } catch (ShipperException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).log("shipping failed; retried next round");
    }
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.shutdownNow();
    }
  }
}
