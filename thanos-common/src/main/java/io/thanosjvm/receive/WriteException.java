package io.thanosjvm.receive;

import java.util.Objects;

/** A failed write, with its cause (which decides the HTTP status) and a message saying what was wrong. */
public final class WriteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final WriteErrorCause cause;

  /** A failure of {@code cause} described by {@code detail} (the cause's text when null). */
  public WriteException(WriteErrorCause cause, String detail) {
    super(detail == null ? cause.message() : detail);
    this.cause = Objects.requireNonNull(cause, "cause");
  }

  /** A failure of {@code cause} with the cause's own text. */
  public static WriteException of(WriteErrorCause cause) {
    return new WriteException(cause, null);
  }

  /** Why the write failed. */
  public WriteErrorCause writeCause() {
    return cause;
  }
}
