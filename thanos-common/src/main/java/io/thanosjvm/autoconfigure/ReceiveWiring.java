package io.thanosjvm.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.LabelFlags;
import io.thanosjvm.head.HeadOptions;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.receive.HashringSource;
import io.thanosjvm.receive.LimitsConfig;
import io.thanosjvm.receive.MultiTsdbSettings;
import io.thanosjvm.receive.ReceiveHandler;
import io.thanosjvm.receive.Receiver;
import io.thanosjvm.receive.RemoteWriteServer;
import io.thanosjvm.receive.TenantRequestLimits;
import io.thanosjvm.receive.hashring.HashringAlgorithm;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.server.HostPort;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.server.tls.TlsServerManagers;
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

/**
 * The one wiring of receive from {@link ThanosReceiveProperties}, shared by {@code thanos receive} and the
 * all-in-one: hashring source, bucket (optional), the {@link Receiver}, readiness, the maintenance loop and the
 * remote-write listener. Each app declares the beans; this class says how each is built.
 */
public final class ReceiveWiring {

  private ReceiveWiring() {}

  /** The hashring from {@code --receive.hashrings-file}, inline {@code --receive.hashrings}, or none. */
  public static HashringSource hashringSource(ThanosReceiveProperties p, MeterRegistry meters) throws IOException {
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

  /** The bucket blocks are shipped to, when {@code --objstore.config(-file)} is given. */
  public static Optional<Bucket> bucket(ThanosReceiveProperties p, MeterRegistry meters, Clock clock)
      throws IOException {
    var objstore = p.getObjstore().load();
    return objstore.isEmpty() ? Optional.empty() : Optional.of(BucketFactory.create(objstore.get(), meters, clock));
  }

  /** Starts the receiver (tenants found on disk are opened, their WALs replayed). */
  public static Receiver receiver(ThanosReceiveProperties p, HashringSource hashring, Optional<Bucket> bucket,
      MeterRegistry meters, Clock clock) throws IOException {
    Labels external = LabelFlags.parse(p.getLabels());
    TsdbOptions tsdb = TsdbOptions.defaults()
        .withHead(new HeadOptions(p.getTsdbMinBlockDuration().toMillis(), p.getTsdbOutOfOrderTimeWindow().toMillis(),
            p.getTsdbTooFarInFutureTimeWindow().toMillis()))
        .withRetention(p.getTsdbRetention()).withWalCompression(p.isTsdbWalCompression());
    MultiTsdbSettings tenants = new MultiTsdbSettings(Path.of(p.getTsdbPath()), tsdb, external,
        p.getTenantLabelName(), p.getTsdbRetention(), HashFunc.parse(p.getHashFunc()));
    LimitsConfig limits = LimitsConfig.parse(text(p.getLimitsConfigFile(), p.getLimitsConfig()));
    TenantRequestLimits request = limits.request().withMaxDecodedBytes(p.getMaxDecodedRequestBytes());
    String relabel = text(p.getRelabelConfigFile(), p.getRelabelConfig());
    ReceiveHandler.Settings http = new ReceiveHandler.Settings(p.getTenantHeader(), p.getDefaultTenantId(),
        p.getReplicaHeader(), request, relabel.isBlank() ? List.of() : RelabelConfigParser.parse(relabel));
    Receiver.Settings settings = new Receiver.Settings(tenants, p.getLocalEndpoint(), p.getReplicationFactor(),
        p.getForwardTimeout(), p.getGrpcCompression(), http, limits.headSeries());
    return Receiver.start(settings, bucket, hashring, clock, meters);
  }

  private static String text(String file, String inline) throws IOException {
    return file.isEmpty() ? inline : Files.readString(Path.of(file));
  }

  /** Readiness: the tenants found on disk are open (WALs replayed). */
  public static HealthIndicator health(Receiver receiver) {
    return () -> receiver.ready() ? Health.up().withDetail("mode", receiver.mode().thanosName()).build()
        : Health.down().withDetail("reason", "TSDBs not open yet").build();
  }

  /**
   * The maintenance loop: hashring file refresh every {@code --receive.hashrings-file-refresh-interval}, and
   * shipping retries plus idle-tenant flushes every maintenance interval.
   */
  public static ScheduledExecutorService maintenance(Receiver receiver, HashringSource hashring,
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

  /** The remote-write listener on {@code --remote-write.address}. */
  public static RemoteWriteServer remoteWriteServer(Receiver receiver, HttpRequestMetrics metrics,
      ThanosReceiveProperties p, Clock clock) {
    int threads = p.getWriteThreads() > 0 ? p.getWriteThreads() : Runtime.getRuntime().availableProcessors();
    return new RemoteWriteServer(HostPort.parse(p.getRemoteWriteAddress()), receiver.handler(), metrics,
        Math.max(p.getMaxDecodedRequestBytes(), 1), threads, p.getWriteQueue(), remoteWriteTls(p, clock));
  }

  /**
   * {@code --remote-write.server-tls-cert/-key/-client-ca} as key and trust managers that follow the files, or null
   * without a certificate. Bad files stop the start naming the flags.
   */
  static TlsServerManagers remoteWriteTls(ThanosReceiveProperties p, Clock clock) {
    if (p.getRemoteWriteServerTlsCert().isEmpty()) {
      return null;
    }
    String ca = p.getRemoteWriteServerTlsClientCa();
    try {
      return new TlsServerManagers(PemTlsManagers.keyManager("remote-write server",
          Path.of(p.getRemoteWriteServerTlsCert()), Path.of(p.getRemoteWriteServerTlsKey()), clock),
          ca.isEmpty() ? null : PemTlsManagers.clientCaTrustManager("remote-write server", Path.of(ca), clock));
    } catch (Exception e) {
      throw new IllegalStateException("--" + FlagNames.REMOTE_WRITE_SERVER_TLS_CERT + "/--"
          + FlagNames.REMOTE_WRITE_SERVER_TLS_KEY + (ca.isEmpty() ? "" : "/--"
          + FlagNames.REMOTE_WRITE_SERVER_TLS_CLIENT_CA) + ": " + e.getMessage(), e);
    }
  }
}
