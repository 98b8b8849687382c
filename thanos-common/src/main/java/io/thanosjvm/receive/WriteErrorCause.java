package io.thanosjvm.receive;

/**
 * Why a write failed, as Thanos classifies it, with its message and the HTTP status of {@code /api/v1/receive}.
 */
public enum WriteErrorCause {
  /** Out-of-order or duplicate samples: the data is already there or cannot be placed. */
  CONFLICT("conflict", 409),
  /** The replica header is above the replication factor. */
  BAD_REPLICA("request replica exceeds receiver replication factor", 400),
  /** A receiver (or its TSDB) is not ready yet. */
  NOT_READY("target not ready", 503),
  /** A receiver cannot be reached. */
  UNAVAILABLE("target not available", 503),
  /** The request itself is invalid (labels, tenant). */
  VALIDATION("validation error", 400),
  /** The tenant is over a configured limit. */
  LIMITED("too many requests", 429),
  /** The request body is larger than {@code --receive.limits-config}'s or the built-in size limit. */
  TOO_LARGE("request too large", 413),
  /** The body's encoding, content type or protocol version is not one this receiver reads. */
  UNSUPPORTED("unsupported media type", 415),
  /** Anything else. */
  INTERNAL("internal error", 500);

  private final String message;
  private final int httpStatus;

  WriteErrorCause(String message, int httpStatus) {
    this.message = message;
    this.httpStatus = httpStatus;
  }

  /** Thanos' sentinel text for this cause. */
  public String message() {
    return message;
  }

  /** The HTTP status {@code /api/v1/receive} answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
