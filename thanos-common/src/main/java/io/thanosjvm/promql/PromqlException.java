package io.thanosjvm.promql;

/** Base of every error the PromQL parser and engine raise on purpose. */
public class PromqlException extends RuntimeException {

  /** An error with a message. */
  public PromqlException(String message) {
    super(message);
  }

  /** An error with a message and a cause. */
  public PromqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
