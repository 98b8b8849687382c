package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiError;
import io.thanosjvm.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a range request inside the pipeline: a parsed matrix (success) or an error answer passed on
 * unchanged (the downstream's status and body, or one of the frontend's own Prometheus error JSONs).
 *
 * @param status the HTTP status
 * @param matrix the result of a successful answer, null for an error
 * @param errorBody the body of an error answer, null for a success
 * @param noStore whether the answer must not be cached ({@code Cache-Control: no-store})
 */
public record QueryResponse(int status, Matrix matrix, byte[] errorBody, boolean noStore) {

  /** Validates that exactly one of matrix and error body is set. */
  public QueryResponse {
    if ((matrix == null) == (errorBody == null)) {
      throw new IllegalArgumentException("exactly one of matrix and error body must be set");
    }
  }

  /** A success. */
  public static QueryResponse success(Matrix matrix, boolean noStore) {
    return new QueryResponse(200, matrix, null, noStore);
  }

  /** An error answer in Prometheus' JSON shape with the error type's status. */
  public static QueryResponse error(ApiError type, String message) {
    return error(type.httpStatus(), type, message);
  }

  /** An error answer in Prometheus' JSON shape with an explicit status. */
  public static QueryResponse error(int status, ApiError type, String message) {
    return new QueryResponse(status, null, ApiResponse.error(type, message).json().getBytes(StandardCharsets.UTF_8),
        true);
  }

  /**
   * The answers of the parts of one request merged (split by interval or vertical shards): the first failed part in
   * order is the answer; else the matrices merged ({@link Matrix#merge}), not to be stored when any part said so.
   */
  public static QueryResponse merged(List<QueryResponse> parts) {
    List<Matrix> matrices = new ArrayList<>(parts.size());
    boolean noStore = false;
    for (QueryResponse a : parts) {
      if (!a.ok()) {
        return a;
      }
      matrices.add(a.matrix());
      noStore |= a.noStore();
    }
    return success(Matrix.merge(matrices), noStore);
  }

  /** Whether this is a success. */
  public boolean ok() {
    return matrix != null;
  }

  /** The body to send to the client. */
  public byte[] body() {
    return ok() ? MatrixJson.encode(matrix) : errorBody;
  }
}
