package io.thanosjvm.objstore;

import java.io.IOException;
import java.io.InputStream;

/**
 * Places every object of a delegate bucket under {@code <prefix>/}, the objstore {@code prefix} key: names
 * seen by callers are relative to the prefix, and iteration hides it.
 */
public final class PrefixedBucket implements Bucket {

  private final Bucket delegate;
  private final String prefix;

  private PrefixedBucket(Bucket delegate, String prefix) {
    this.delegate = delegate;
    this.prefix = prefix;
  }

  /**
   * Wraps {@code delegate} with {@code prefix} (leading and trailing {@code /} trimmed); returns the
   * delegate itself when nothing is left of the prefix.
   */
  public static Bucket wrap(Bucket delegate, String prefix) {
    String trimmed = ObjectNames.trimSlashes(prefix);
    return trimmed.isEmpty() ? delegate : new PrefixedBucket(delegate, trimmed);
  }

  /** Returns the trimmed prefix, without trailing slash. */
  public String prefix() {
    return prefix;
  }

  private String full(String name) {
    return prefix + ObjectNames.DIR_DELIM + name;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public InputStream get(String name) throws IOException {
    return delegate.get(full(name));
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    return delegate.getRange(full(name), offset, length);
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    delegate.upload(full(name), data, length);
  }

  @Override
  public void delete(String name) throws IOException {
    delegate.delete(full(name));
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    String listed = full(ObjectNames.dirPrefix(dir));
    int strip = prefix.length() + 1;
    delegate.iter(listed, entry -> consumer.accept(entry.substring(strip)), options);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return delegate.exists(full(name));
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    return delegate.attributes(full(name));
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
