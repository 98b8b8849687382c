package io.thanosjvm.api;

import java.util.List;

/**
 * A finished API answer: HTTP status and the JSON body in Prometheus' envelope.
 *
 * @param httpStatus the status code
 * @param json the body
 */
public record ApiResponse(int httpStatus, String json) {

  /** {@code {"status":"success","data":<data>[,"warnings":[...]]}}. */
  public static ApiResponse success(String dataJson, List<String> warnings) {
    StringBuilder sb = new StringBuilder(dataJson.length() + 64).append("{\"status\":\"success\",\"data\":")
        .append(dataJson);
    if (!warnings.isEmpty()) {
      sb.append(",\"warnings\":[");
      for (int i = 0; i < warnings.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        PromJson.string(sb, warnings.get(i));
      }
      sb.append(']');
    }
    return new ApiResponse(200, sb.append('}').toString());
  }

  /** {@code {"status":"error","errorType":"<type>","error":"<message>"}}. */
  public static ApiResponse error(ApiError error, String message) {
    StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"errorType\":\"").append(error.type())
        .append("\",\"error\":");
    PromJson.string(sb, message);
    return new ApiResponse(error.httpStatus(), sb.append('}').toString());
  }
}
