package io.thanosjvm.store.cache;

import io.thanosjvm.cacheutil.InvalidCacheConfigException;

/** The index cache YAML is malformed, has an unknown key or type, misses a required key or holds a bad value. */
public final class InvalidIndexCacheConfigException extends InvalidCacheConfigException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the offending key. */
  public InvalidIndexCacheConfigException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public InvalidIndexCacheConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
