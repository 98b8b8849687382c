package io.thanosjvm.queryfrontend;

/** A downstream answer that is not a Prometheus matrix response the frontend can merge. */
public final class ResponseFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ResponseFormatException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ResponseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
