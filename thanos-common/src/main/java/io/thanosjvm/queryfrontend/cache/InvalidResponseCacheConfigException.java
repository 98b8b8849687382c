package io.thanosjvm.queryfrontend.cache;

/** A {@code --query-range.response-cache-config} that cannot be used; the message names the key. */
public final class InvalidResponseCacheConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidResponseCacheConfigException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public InvalidResponseCacheConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
