package io.thanosjvm.objstore.instrument;

import io.micrometer.core.instrument.Timer;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketOperation;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts and times every operation of a delegate bucket with Thanos' objstore metrics. A missing object
 * is an expected outcome for the read operations (get, get_range, exists, attributes), not a failure.
 * The duration of get/get_range runs until the returned stream is closed, as in Thanos.
 */
public final class InstrumentedBucket implements Bucket {

  private final Bucket delegate;
  private final BucketMetrics metrics;

  /** Instruments {@code delegate} with {@code metrics}. */
  public InstrumentedBucket(Bucket delegate, BucketMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  private IOException failure(BucketOperation op, IOException e, boolean notFoundExpected) {
    if (!(notFoundExpected && delegate.isObjNotFound(e))) {
      metrics.failed(op);
    }
    return e;
  }

  private RuntimeException failure(BucketOperation op, RuntimeException e) {
    metrics.failed(op);
    return e;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public InputStream get(String name) throws IOException {
    return read(BucketOperation.GET, () -> delegate.get(name));
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    return read(BucketOperation.GET_RANGE, () -> delegate.getRange(name, offset, length));
  }

  private InputStream read(BucketOperation op, StreamOpener opener) throws IOException {
    Timer.Sample sample = metrics.start(op);
    try {
      return new MeteredInputStream(opener.open(), metrics, op, sample);
    } catch (IOException e) {
      throw failure(op, e, true);
    } catch (RuntimeException e) {
      throw failure(op, e);
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    Timer.Sample sample = metrics.start(BucketOperation.UPLOAD);
    CountingInputStream counted = new CountingInputStream(data);
    try {
      delegate.upload(name, counted, length);
    } catch (IOException e) {
      throw failure(BucketOperation.UPLOAD, e, false);
    } catch (RuntimeException e) {
      throw failure(BucketOperation.UPLOAD, e);
    }
    metrics.transferred(BucketOperation.UPLOAD, counted.count());
    metrics.succeeded(BucketOperation.UPLOAD, sample);
    metrics.uploadSucceeded();
  }

  @Override
  public void delete(String name) throws IOException {
    Timer.Sample sample = metrics.start(BucketOperation.DELETE);
    try {
      delegate.delete(name);
    } catch (IOException e) {
      throw failure(BucketOperation.DELETE, e, false);
    } catch (RuntimeException e) {
      throw failure(BucketOperation.DELETE, e);
    }
    metrics.succeeded(BucketOperation.DELETE, sample);
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    Timer.Sample sample = metrics.start(BucketOperation.ITER);
    try {
      delegate.iter(dir, consumer, options);
    } catch (IOException e) {
      throw failure(BucketOperation.ITER, e, false);
    } catch (RuntimeException e) {
      throw failure(BucketOperation.ITER, e);
    }
    metrics.succeeded(BucketOperation.ITER, sample);
  }

  @Override
  public boolean exists(String name) throws IOException {
    Timer.Sample sample = metrics.start(BucketOperation.EXISTS);
    boolean exists;
    try {
      exists = delegate.exists(name);
    } catch (IOException e) {
      throw failure(BucketOperation.EXISTS, e, true);
    } catch (RuntimeException e) {
      throw failure(BucketOperation.EXISTS, e);
    }
    metrics.succeeded(BucketOperation.EXISTS, sample);
    return exists;
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    Timer.Sample sample = metrics.start(BucketOperation.ATTRIBUTES);
    ObjectAttributes attrs;
    try {
      attrs = delegate.attributes(name);
    } catch (IOException e) {
      throw failure(BucketOperation.ATTRIBUTES, e, true);
    } catch (RuntimeException e) {
      throw failure(BucketOperation.ATTRIBUTES, e);
    }
    metrics.succeeded(BucketOperation.ATTRIBUTES, sample);
    return attrs;
  }

  @Override
  public boolean isObjNotFound(Throwable error) {
    return delegate.isObjNotFound(error);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @FunctionalInterface
  private interface StreamOpener {
    InputStream open() throws IOException;
  }
}
