package io.thanosjvm.receive;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.model.Labels;
import io.thanosjvm.shipper.Shipper;
import io.thanosjvm.shipper.ShipperException;
import io.thanosjvm.store.tsdb.TsdbSource;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One tenant's TSDB in receive: the open {@link LocalTsdb}, its external labels, its shipper (when shipping), the
 * time of its last append (for idle flushing) and the meters it registered, tagged {@code tenant=<name>} as
 * Thanos wraps each tenant's registerer.
 */
public final class TenantTsdb {

  private final String name;
  private final LocalTsdb tsdb;
  private final Labels externalLabels;
  private final Shipper shipper;
  private final CompositeMeterRegistry meters;
  private final MeterRegistry parent;
  private final InstantSource clock;
  private final AtomicLong lastAppend;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  TenantTsdb(String name, LocalTsdb tsdb, Labels externalLabels, Shipper shipper, CompositeMeterRegistry meters,
      MeterRegistry parent, InstantSource clock) {
    this.name = name;
    this.tsdb = tsdb;
    this.externalLabels = externalLabels;
    this.shipper = shipper;
    this.meters = meters;
    this.parent = parent;
    this.clock = clock;
    this.lastAppend = new AtomicLong(clock.millis());
  }

  /** A registry whose meters carry {@code tenant=<name>} and land in {@code parent}. */
  static CompositeMeterRegistry metersFor(String tenant, MeterRegistry parent) {
    CompositeMeterRegistry r = new CompositeMeterRegistry();
    r.config().commonTags("tenant", tenant);
    r.add(parent);
    return r;
  }

  /** The tenant. */
  public String name() {
    return name;
  }

  /** The TSDB. */
  public LocalTsdb tsdb() {
    return tsdb;
  }

  /** {@code --label} plus the tenant label. */
  public Labels externalLabels() {
    return externalLabels;
  }

  /** The tenant as a StoreAPI source. */
  public TsdbSource source() {
    return new TsdbSource(tsdb, externalLabels);
  }

  /** Notes an append now (keeps the tenant from being flushed as idle). */
  public void touch() {
    lastAppend.set(clock.millis());
  }

  /** When the tenant was last appended to (ms). */
  public long lastAppend() {
    return lastAppend.get();
  }

  /** Whether its blocks are shipped. */
  public boolean shipping() {
    return shipper != null;
  }

  /**
   * Ships its blocks not shipped yet; 0 when not shipping.
   *
   * @throws ShipperException when the pass stopped early
   */
  public int ship() throws ShipperException {
    return shipper == null ? 0 : shipper.sync();
  }

  /**
   * Starts a write: while writes run the tenant is not flushed or closed. False when it was closed meanwhile (then
   * ask {@link MultiTsdb#tenant} again).
   */
  public boolean beginWrite() {
    lifecycle.readLock().lock();
    if (closed) {
      lifecycle.readLock().unlock();
      return false;
    }
    return true;
  }

  /** Ends a write started by a successful {@link #beginWrite()}. */
  public void endWrite() {
    lifecycle.readLock().unlock();
  }

  /** Excludes writes (for flushing and closing). */
  void lockExclusive() {
    lifecycle.writeLock().lock();
  }

  void unlockExclusive() {
    lifecycle.writeLock().unlock();
  }

  /** Closes the TSDB and removes the tenant's meters; later {@link #beginWrite()} calls fail. */
  void close() throws IOException {
    lifecycle.writeLock().lock();
    closed = true;
    lifecycle.writeLock().unlock();
    try {
      tsdb.close();
    } finally {
      List<Meter.Id> ids = new ArrayList<>();
      meters.getMeters().forEach(m -> ids.add(m.getId()));
      ids.forEach(parent::remove);
      meters.close();
    }
  }
}
