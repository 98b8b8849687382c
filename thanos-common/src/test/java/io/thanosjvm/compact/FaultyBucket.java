package io.thanosjvm.compact;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/** A bucket that fails uploads of matching object names while {@link #failing} is set (retryable errors). */
final class FaultyBucket extends ForwardingBucket {

  private final Predicate<String> failUploadsOf;
  volatile boolean failing = true;

  FaultyBucket(Bucket delegate, Predicate<String> failUploadsOf) {
    super(delegate);
    this.failUploadsOf = failUploadsOf;
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    if (failing && failUploadsOf.test(name)) {
      throw new ObjectStoreException("injected upload failure of " + name, true);
    }
    delegate.upload(name, data, length);
  }
}
