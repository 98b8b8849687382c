package io.thanosjvm.app.receive;

import io.thanosjvm.receive.RemoteWriteServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.cli.LabelFlags;
import io.thanosjvm.head.HeadOptions;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.receive.HashringSource;
import io.thanosjvm.receive.LimitsConfig;
import io.thanosjvm.receive.MultiTsdbSettings;
import io.thanosjvm.receive.ReceiveHandler;
import io.thanosjvm.receive.Receiver;
import io.thanosjvm.receive.RequestLimits;
import io.thanosjvm.receive.WriteableStoreService;
import io.thanosjvm.receive.hashring.HashringAlgorithm;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.server.HostPort;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.store.tsdb.TsdbStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires receive from its properties: hashring source, bucket (optional), the {@link Receiver}, its gRPC services
 * (StoreAPI, Info, WriteableStore), readiness, the maintenance loop (hashring file refresh, shipping retries, idle
 * tenants) and the remote-write listener.
 */
@Configuration(proxyBeanMethods = false)
class ReceiveConfiguration {

  @Bean
  HashringSource hashringSource(ThanosReceiveProperties p, MeterRegistry meters) throws IOException {
    HashringAlgorithm algorithm = HashringAlgorithm.parse(p.getHashringsAlgorithm());
    if (!p.getHashringsFile().isEmpty()) {
      return HashringSource.file(Path.of(p.getHashringsFile()), algorithm, p.getReplicationFactor())
          .registerMetrics(meters);
    }
    if (!p.getHashrings().isEmpty()) {
      return HashringSource.inline(p.getHashrings(), algorithm, p.getReplicationFactor()).registerMetrics(meters);
    }
    return HashringSource.none().registerMetrics(meters);
  }

  @Bean(destroyMethod = "close")
  Receiver receiver(ThanosReceiveProperties p, HashringSource hashring, MeterRegistry meters) throws IOException {
    Labels external = LabelFlags.parse(p.getLabels());
    TsdbOptions tsdb = TsdbOptions.defaults()
        .withHead(new HeadOptions(p.getTsdbMinBlockDuration().toMillis(), p.getTsdbOutOfOrderTimeWindow().toMillis(),
            p.getTsdbTooFarInFutureTimeWindow().toMillis()))
        .withRetention(p.getTsdbRetention()).withWalCompression(p.isTsdbWalCompression());
    MultiTsdbSettings tenants = new MultiTsdbSettings(Path.of(p.getTsdbPath()), tsdb, external,
        p.getTenantLabelName(), p.getTsdbRetention(), HashFunc.parse(p.getHashFunc()));
    LimitsConfig limits = LimitsConfig.parse(text(p.getLimitsConfigFile(), p.getLimitsConfig()));
    RequestLimits request = new RequestLimits(limits.request().sizeBytes(), limits.request().series(),
        limits.request().samples(), p.getMaxDecodedRequestBytes());
    String relabel = text(p.getRelabelConfigFile(), p.getRelabelConfig());
    ReceiveHandler.Settings http = new ReceiveHandler.Settings(p.getTenantHeader(), p.getDefaultTenantId(),
        p.getReplicaHeader(), request, relabel.isBlank() ? List.of() : RelabelConfigParser.parse(relabel));
    Receiver.Settings settings = new Receiver.Settings(tenants, p.getLocalEndpoint(), p.getReplicationFactor(),
        p.getForwardTimeout(), p.getGrpcCompression(), http, limits.headSeries());
    var objstore = p.getObjstore().load();
    Optional<Bucket> bucket = objstore.isEmpty() ? Optional.empty()
        : Optional.of(BucketFactory.create(objstore.get(), meters, Clock.systemUTC()));
    return Receiver.start(settings, bucket, hashring, Clock.systemUTC(), meters);
  }

  private static String text(String file, String inline) throws IOException {
    return file.isEmpty() ? inline : Files.readString(Path.of(file));
  }

  @Bean
  TsdbStore storeApi(Receiver receiver) {
    return receiver.store();
  }

  @Bean
  InfoService infoService(Receiver receiver) {
    return receiver.info();
  }

  @Bean
  WriteableStoreService writeableStore(Receiver receiver) {
    return receiver.writeableStore();
  }

  /** Readiness: the tenants found on disk are open (WALs replayed). */
  @Bean
  HealthIndicator receiverHealthIndicator(Receiver receiver) {
    return () -> receiver.ready() ? Health.up().withDetail("mode", receiver.mode().thanosName()).build()
        : Health.down().withDetail("reason", "TSDBs not open yet").build();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService receiveMaintenance(Receiver receiver, HashringSource hashring,
      ThanosReceiveProperties p) {
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "receive-maintenance");
      t.setDaemon(true);
      return t;
    });
    long refresh = p.getHashringsFileRefreshInterval().toMillis();
    loop.scheduleWithFixedDelay(hashring::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
    long every = p.getMaintenanceInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> {
      receiver.tsdbs().shipAll();
      receiver.tsdbs().flushIdle();
    }, every, every, TimeUnit.MILLISECONDS);
    return loop;
  }

  @Bean(destroyMethod = "close")
  RemoteWriteServer remoteWriteServer(Receiver receiver, HttpRequestMetrics metrics, ThanosReceiveProperties p) {
    int threads = p.getWriteThreads() > 0 ? p.getWriteThreads() : Runtime.getRuntime().availableProcessors();
    return new RemoteWriteServer(HostPort.parse(p.getRemoteWriteAddress()), receiver.handler(), metrics,
        Math.max(p.getMaxDecodedRequestBytes(), 1), threads, p.getWriteQueue());
  }
}
