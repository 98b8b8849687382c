package io.thanosjvm.store;

import io.grpc.Status;

/** A StoreAPI request that cannot be served, carrying the gRPC status to answer with. */
public final class StoreRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;

  private StoreRequestException(Status status) {
    super(status.getDescription(), status.getCause());
    this.status = status;
  }

  /** A malformed request ({@code InvalidArgument}). */
  public static StoreRequestException invalidArgument(String message) {
    return new StoreRequestException(Status.INVALID_ARGUMENT.withDescription(message));
  }

  /** The backing data source cannot be reached ({@code Unavailable}). */
  public static StoreRequestException unavailable(String message, Throwable cause) {
    return new StoreRequestException(Status.UNAVAILABLE.withDescription(message).withCause(cause));
  }

  /** A request over a configured limit ({@code ResourceExhausted}). */
  public static StoreRequestException resourceExhausted(String message) {
    return new StoreRequestException(Status.RESOURCE_EXHAUSTED.withDescription(message));
  }

  /** Anything else ({@code Internal}). */
  public static StoreRequestException internal(String message, Throwable cause) {
    return new StoreRequestException(Status.INTERNAL.withDescription(message).withCause(cause));
  }

  /** The status to answer with. */
  public Status status() {
    return status;
  }
}
