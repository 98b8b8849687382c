package io.thanosjvm.receive;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.shipper.Shipper;
import io.thanosjvm.shipper.ShipperException;
import io.thanosjvm.shipper.ShipperMetaFile;
import io.thanosjvm.shipper.ShipperMetrics;
import io.thanosjvm.shipper.ShipperOptions;
import io.thanosjvm.store.tsdb.TsdbSource;
import io.thanosjvm.store.tsdb.TsdbStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receive's tenants, as Thanos' {@code MultiTSDB}: one {@link LocalTsdb} per tenant at {@code <tsdb.path>/<tenant>}
 * (a Prometheus data dir: WAL + blocks), opened when first written or found on disk at start-up, its series and
 * cut blocks carrying {@code --label} plus the tenant label; with a bucket, a shipper per tenant (source {@code
 * receive}) ships each cut block and retries in {@link #shipAll()}; tenants idle for the configured time are
 * flushed, shipped, closed and their directory removed ({@link #flushIdle()}). {@link #store()} serves every open
 * tenant over the StoreAPI, one label set per tenant.
 *
 * <p>Thread-safe: tenants open at most once (others wait on that tenant only); closing a tenant removes it from
 * the map first, so a write racing with the close reopens it.
 */
public final class MultiTsdb implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(MultiTsdb.class);

  private final MultiTsdbSettings settings;
  private final Optional<Bucket> bucket;
  private final Clock clock;
  private final MeterRegistry registry;
  private final ShipperMetrics shipperMetrics;
  private final ConcurrentHashMap<String, TenantTsdb> tenants = new ConcurrentHashMap<>();
  private final TsdbStore store;
  private volatile boolean closed;

  /**
   * Tenants under {@code settings.dataDir()}; nothing is opened yet (see {@link #openExisting()}).
   *
   * @param bucket where blocks are shipped; empty to keep them local only
   */
  public MultiTsdb(MultiTsdbSettings settings, Optional<Bucket> bucket, Clock clock, MeterRegistry registry) {
    this.settings = settings;
    this.bucket = bucket;
    this.clock = clock;
    this.registry = registry;
    this.shipperMetrics = bucket.isPresent() ? new ShipperMetrics(registry, false) : null;
    this.store = new TsdbStore(this::sources);
  }

  /** Opens every tenant directory found under the data directory (their WALs are replayed). */
  public void openExisting() throws IOException {
    Files.createDirectories(settings.dataDir());
    List<Path> dirs;
    try (Stream<Path> s = Files.list(settings.dataDir())) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path d : dirs) {
      String tenant = d.getFileName().toString();
      try {
        Tenants.validate(tenant);
      } catch (WriteException e) {
        LOG.atWarn().addKeyValue("dir", d).log("not a tenant directory, ignored");
        continue;
      }
      tenant(tenant);
    }
  }

  /**
   * The tenant's TSDB, opened (and its WAL replayed) on first use.
   *
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a tenant name that is not a directory name,
   *     ({@link WriteErrorCause#NOT_READY}) when shut down, ({@link WriteErrorCause#INTERNAL}) when it cannot open
   */
  public TenantTsdb tenant(String name) {
    Tenants.validate(name);
    if (closed) {
      throw new WriteException(WriteErrorCause.NOT_READY, "receive is shutting down");
    }
    try {
      return tenants.computeIfAbsent(name, this::open);
    } catch (UncheckedIOException e) {
      throw new WriteException(WriteErrorCause.INTERNAL, "open TSDB of tenant " + name + ": "
          + e.getCause().getMessage());
    }
  }

  private TenantTsdb open(String name) {
    Labels ext = settings.tenantLabels(name);
    Path dir = settings.dataDir().resolve(name);
    CompositeMeterRegistry meters = TenantTsdb.metersFor(name, registry);
    LocalTsdb tsdb;
    try {
      tsdb = LocalTsdb.open(dir, settings.tsdbOptions().withExternalLabels(ext.toMap()), clock, meters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Shipper shipper = null;
    if (bucket.isPresent()) {
      ShipperOptions options = new ShipperOptions(dir, "receive", false, ShipperMetaFile.DEFAULT_FILE_NAME,
          settings.hashFunc());
      shipper = new Shipper(options, bucket.get(), () -> ext, shipperMetrics, clock);
    }
    TenantTsdb t = new TenantTsdb(name, tsdb, ext, shipper, meters, registry, clock);
    if (shipper != null) {
      tsdb.addBlockListener((blockDir, meta) -> shipQuietly(t));
    }
    LOG.atInfo().addKeyValue("tenant", name).addKeyValue("series", tsdb.head().numSeries())
        .log("opened tenant TSDB");
    return t;
  }

  private static void shipQuietly(TenantTsdb t) {
    try {
      t.ship();
    } catch (ShipperException e) {
      LOG.atWarn().addKeyValue("tenant", t.name()).addKeyValue("err", e.getMessage())
          .log("shipping failed; retried next round");
    }
  }

  /**
   * Runs {@code write} on the tenant's TSDB while it cannot be flushed or closed (reopening it if it was closed
   * meanwhile), and notes the append.
   */
  public <T> T write(String name, java.util.function.Function<TenantTsdb, T> write) {
    while (true) {
      TenantTsdb t = tenant(name);
      if (t.beginWrite()) {
        try {
          t.touch();
          return write.apply(t);
        } finally {
          t.endWrite();
        }
      }
    }
  }

  /** The open tenants, by name. */
  public Map<String, TenantTsdb> tenants() {
    return Map.copyOf(tenants);
  }

  /** The open tenants as StoreAPI sources, sorted by tenant. */
  public List<TsdbSource> sources() {
    List<TenantTsdb> list = new ArrayList<>(tenants.values());
    list.sort(Comparator.comparing(TenantTsdb::name));
    return list.stream().map(TenantTsdb::source).toList();
  }

  /** The StoreAPI over every open tenant. */
  public TsdbStore store() {
    return store;
  }

  /** Ships every tenant's unshipped blocks (a periodic retry); returns the number of blocks uploaded. */
  public int shipAll() {
    int n = 0;
    for (TenantTsdb t : tenants.values()) {
      try {
        n += t.ship();
      } catch (ShipperException e) {
        LOG.atWarn().addKeyValue("tenant", t.name()).addKeyValue("err", e.getMessage()).log("shipping failed");
      }
    }
    return n;
  }

  /**
   * Flushes, ships, closes and removes the tenants not appended to for the idle time (only while shipping: without
   * a bucket the data stays where it is). A tenant whose shipping fails stays open. Returns the tenants removed.
   */
  public List<String> flushIdle() {
    List<String> removed = new ArrayList<>();
    long idle = settings.idleFlush().toMillis();
    if (idle == 0 || bucket.isEmpty()) {
      return removed;
    }
    long now = clock.millis();
    for (TenantTsdb t : List.copyOf(tenants.values())) {
      if (now - t.lastAppend() < idle) {
        continue;
      }
      t.lockExclusive();
      try {
        if (clock.millis() - t.lastAppend() < idle || tenants.get(t.name()) != t) {
          continue;
        }
        t.tsdb().flush();
        t.ship();
        tenants.remove(t.name(), t);
        t.close();
        deleteTree(t.tsdb().dir());
        removed.add(t.name());
        LOG.atInfo().addKeyValue("tenant", t.name()).log("flushed, shipped and closed idle tenant");
      } catch (IOException e) {
        LOG.atWarn().addKeyValue("tenant", t.name()).addKeyValue("err", e.getMessage())
            .log("idle tenant not flushed; retried next round");
      } finally {
        t.unlockExclusive();
      }
    }
    return removed;
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }

  /** Closes every tenant (their WALs hold what the head had). */
  @Override
  public void close() throws IOException {
    closed = true;
    IOException first = null;
    for (TenantTsdb t : List.copyOf(tenants.values())) {
      tenants.remove(t.name());
      try {
        t.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
