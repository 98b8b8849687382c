package io.thanosjvm.compact;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/** A bucket that fails uploads of matching object names while {@link #failing} is set (retryable errors). */
final class FaultyBucket implements Bucket {

  private final Bucket delegate;
  private final Predicate<String> failUploadsOf;
  volatile boolean failing = true;

  FaultyBucket(Bucket delegate, Predicate<String> failUploadsOf) {
    this.delegate = delegate;
    this.failUploadsOf = failUploadsOf;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public InputStream get(String name) throws IOException {
    return delegate.get(name);
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    return delegate.getRange(name, offset, length);
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    if (failing && failUploadsOf.test(name)) {
      throw new ObjectStoreException("injected upload failure of " + name, true);
    }
    delegate.upload(name, data, length);
  }

  @Override
  public void delete(String name) throws IOException {
    delegate.delete(name);
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    delegate.iter(dir, consumer, options);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return delegate.exists(name);
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    return delegate.attributes(name);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
