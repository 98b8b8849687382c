package io.thanosjvm.block;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test bucket in front of a real one: records uploads and deletes in order and fails the operations
 * whose {@code "upload:name"}, {@code "get:name"} or {@code "delete:name"} matches {@link #failing}.
 */
public final class RecordingBucket extends ForwardingBucket {

  /** Operations performed, e.g. {@code upload:<id>/index}. */
  public final List<String> log = new CopyOnWriteArrayList<>();
  /** Which operations fail with a permanent {@link ObjectStoreException}. */
  public volatile Predicate<String> failing = op -> false;
  /** The most {@code get}s of block data files ({@code index}, {@code chunks/*}) seen in flight at once. */
  public final AtomicInteger maxDataGetsInFlight = new AtomicInteger();
  /**
   * When positive, each {@code get} of a block data file waits (at most 10 s) until that many have been in flight
   * at once, so a test can tell concurrent transfers from sequential ones without relying on timing.
   */
  public volatile int holdDataGetsUntilInFlight;
  private final AtomicInteger dataGetsInFlight = new AtomicInteger();

  /** Records operations on {@code delegate}. */
  public RecordingBucket(Bucket delegate) {
    super(delegate);
  }

  private void check(String op) throws IOException {
    if (failing.test(op)) {
      throw new ObjectStoreException("injected failure: " + op, false);
    }
  }

  @Override
  public InputStream get(String name) throws IOException {
    check("get:" + name);
    if (!name.endsWith("/index") && !name.contains("/chunks/")) {
      return delegate.get(name);
    }
    maxDataGetsInFlight.accumulateAndGet(dataGetsInFlight.incrementAndGet(), Math::max);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (maxDataGetsInFlight.get() < holdDataGetsUntilInFlight && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      return delegate.get(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while holding " + name);
    } finally {
      dataGetsInFlight.decrementAndGet();
    }
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    check("get:" + name);
    return delegate.getRange(name, offset, length);
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    check("upload:" + name);
    log.add("upload:" + name);
    delegate.upload(name, data, length);
  }

  @Override
  public void delete(String name) throws IOException {
    check("delete:" + name);
    log.add("delete:" + name);
    delegate.delete(name);
  }
}
