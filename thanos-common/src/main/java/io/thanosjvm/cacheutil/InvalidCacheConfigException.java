package io.thanosjvm.cacheutil;

/**
 * A cache client configuration (the {@code config} section of a MEMCACHED or REDIS cache YAML) is malformed, has
 * an unknown key, misses a required key or holds a bad value; the message names the configuration and the key.
 */
public class InvalidCacheConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the offending key. */
  public InvalidCacheConfigException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public InvalidCacheConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
