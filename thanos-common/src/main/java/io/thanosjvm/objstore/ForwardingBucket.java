package io.thanosjvm.objstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A bucket that hands every operation to another one; decorators (caches, fault injectors, recorders) extend it
 * and override only the operations they change.
 */
public abstract class ForwardingBucket implements Bucket {

  /** The bucket operations are forwarded to. */
  protected final Bucket delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingBucket(Bucket delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
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
  public boolean isObjNotFound(Throwable error) {
    return delegate.isObjNotFound(error);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
