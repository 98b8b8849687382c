package io.thanosjvm.api;

/** A request answered with a Prometheus API error. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiError error;

  /** Creates the exception. */
  public ApiException(ApiError error, String message) {
    super(message);
    this.error = error;
  }

  /** The error type. */
  public ApiError error() {
    return error;
  }

  /** A {@code bad_data} error for a parameter: {@code invalid parameter "name": message}. */
  public static ApiException badParameter(String name, String message) {
    return new ApiException(ApiError.BAD_DATA, "invalid parameter \"" + name + "\": " + message);
  }
}
