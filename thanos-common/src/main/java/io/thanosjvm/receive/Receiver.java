package io.thanosjvm.receive;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.store.tsdb.TsdbStore;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One receiver assembled from its parts, what {@code thanos receive} runs: the tenants' TSDBs ({@link MultiTsdb},
 * not opened when router-only), the local writer, the router (mode derived from the hashring and the local
 * endpoint), the HTTP write handler, the {@code WriteableStore} service for forwarded writes, and the StoreAPI
 * and Info over the tenants. Ready once the existing tenants are open (their WALs replayed).
 */
public final class Receiver implements Closeable {

  /**
   * Everything a receiver is configured with.
   *
   * @param tsdb the tenants' TSDBs
   * @param localEndpoint {@code --receive.local-endpoint}, "" when not given
   * @param replicationFactor {@code --receive.replication-factor}
   * @param forwardTimeout {@code --receive-forward-timeout}
   * @param grpcCompression {@code --receive.grpc-compression} ({@code snappy} or {@code none})
   * @param http the write handler's settings
   * @param seriesLimit the per-tenant head series limit
   */
  public record Settings(MultiTsdbSettings tsdb, String localEndpoint, int replicationFactor,
      Duration forwardTimeout, String grpcCompression, ReceiveHandler.Settings http, ActiveSeriesLimit seriesLimit) {

    /** Validates. */
    public Settings {
      Objects.requireNonNull(tsdb, "tsdb");
      Objects.requireNonNull(localEndpoint, "localEndpoint");
      Objects.requireNonNull(http, "http");
      Objects.requireNonNull(seriesLimit, "seriesLimit");
    }
  }

  private final ReceiverMode mode;
  private final MultiTsdb tsdbs;
  private final PeerWriter peers;
  private final ReceiveRouter router;
  private final ReceiveHandler handler;
  private final WriteableStoreService writeable;
  private final InfoService info;
  private volatile boolean ready;

  private Receiver(Settings settings, Optional<Bucket> bucket, HashringSource hashring, Clock clock,
      MeterRegistry registry) {
    this.mode = ReceiverMode.derive(hashring.configured(), !settings.localEndpoint().isEmpty());
    this.tsdbs = new MultiTsdb(settings.tsdb(), bucket, clock, registry);
    this.peers = new GrpcPeerWriter(settings.forwardTimeout(), settings.grpcCompression());
    ReceiveMetrics metrics = new ReceiveMetrics(registry, settings.replicationFactor());
    hashring.get().ifPresent(r -> metrics.hashringNodes(r.nodes().size()));
    LocalWriter local = mode == ReceiverMode.ROUTER_ONLY ? null : new LocalWriter(tsdbs, settings.seriesLimit());
    this.router = new ReceiveRouter(new ReceiveRouter.Settings(mode, settings.localEndpoint(),
        settings.replicationFactor(), settings.forwardTimeout()), hashring::get, local, peers, metrics);
    this.handler = new ReceiveHandler(settings.http(), router, metrics);
    this.writeable = new WriteableStoreService(router, settings.http().defaultTenant());
    this.info = new InfoService(() -> ready ? Optional.of(tsdbs.store().info("receive")) : Optional.empty());
  }

  /**
   * Assembles a receiver and opens the tenants found on disk (unless router-only).
   *
   * @param bucket where blocks are shipped, empty for none
   */
  public static Receiver start(Settings settings, Optional<Bucket> bucket, HashringSource hashring, Clock clock,
      MeterRegistry registry) throws IOException {
    Receiver r = new Receiver(settings, bucket, hashring, clock, registry);
    if (r.mode != ReceiverMode.ROUTER_ONLY) {
      r.tsdbs.openExisting();
    }
    r.ready = true;
    return r;
  }

  /** The mode. */
  public ReceiverMode mode() {
    return mode;
  }

  /** Whether it accepts writes and queries. */
  public boolean ready() {
    return ready;
  }

  /** The tenants' TSDBs. */
  public MultiTsdb tsdbs() {
    return tsdbs;
  }

  /** The HTTP write handler. */
  public ReceiveHandler handler() {
    return handler;
  }

  /** The receiving side of forwarding. */
  public WriteableStoreService writeableStore() {
    return writeable;
  }

  /** The StoreAPI over the tenants. */
  public TsdbStore store() {
    return tsdbs.store();
  }

  /** Info (component {@code receive}), unavailable until ready. */
  public InfoService info() {
    return info;
  }

  @Override
  public void close() throws IOException {
    ready = false;
    peers.close();
    tsdbs.close();
  }
}
