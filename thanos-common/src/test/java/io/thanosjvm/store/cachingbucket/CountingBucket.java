package io.thanosjvm.store.cachingbucket;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real bucket with every read operation recorded, to see what reached object storage. */
final class CountingBucket extends ForwardingBucket {

  /** Read operations in order, e.g. {@code getRange:<name>:<offset>:<length>}. */
  final List<String> reads = new CopyOnWriteArrayList<>();

  CountingBucket(Bucket delegate) {
    super(delegate);
  }

  long count(String prefix) {
    return reads.stream().filter(r -> r.startsWith(prefix)).count();
  }

  @Override
  public InputStream get(String name) throws IOException {
    reads.add("get:" + name);
    return delegate.get(name);
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    reads.add("getRange:" + name + ":" + offset + ":" + length);
    return delegate.getRange(name, offset, length);
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    reads.add("iter:" + dir);
    delegate.iter(dir, consumer, options);
  }

  @Override
  public boolean exists(String name) throws IOException {
    reads.add("exists:" + name);
    return delegate.exists(name);
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    reads.add("attributes:" + name);
    return delegate.attributes(name);
  }
}
