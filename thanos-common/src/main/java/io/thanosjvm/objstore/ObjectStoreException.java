package io.thanosjvm.objstore;

import java.io.IOException;

/**
 * A failed object storage operation. {@link #retryable()} is true for transient failures (server errors,
 * throttling, timeouts, broken connections), which may succeed when tried again, and false for permanent
 * ones (bad request, access denied, missing object).
 */
public class ObjectStoreException extends IOException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** Creates an exception with a message naming the operation and object, and its cause. */
  public ObjectStoreException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Creates an exception without cause. */
  public ObjectStoreException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /** Returns whether trying the operation again may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
