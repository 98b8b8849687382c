package io.thanosjvm.api;

/** Prometheus' API error types and the HTTP status each answers with. */
public enum ApiError {
  /** Malformed parameters or query: 400. */
  BAD_DATA("bad_data", 400),
  /** Evaluation failed (e.g. too many samples, many-to-many): 422. */
  EXECUTION("execution", 422),
  /** The query was canceled: 503. */
  CANCELED("canceled", 503),
  /** The query timed out: 503. */
  TIMEOUT("timeout", 503),
  /** Something broke: 500. */
  INTERNAL("internal", 500),
  /** Not found: 404. */
  NOT_FOUND("not_found", 404),
  /**
   * A disabled or unreachable capability, e.g. the admin API when it is off: 500, which is what Prometheus 2.42
   * answers for {@code unavailable} (checked against {@code prometheus} without {@code --web.enable-admin-api}).
   */
  UNAVAILABLE("unavailable", 500);

  private final String type;
  private final int httpStatus;

  ApiError(String type, int httpStatus) {
    this.type = type;
    this.httpStatus = httpStatus;
  }

  /** The {@code errorType} string. */
  public String type() {
    return type;
  }

  /** The HTTP status. */
  public int httpStatus() {
    return httpStatus;
  }
}
