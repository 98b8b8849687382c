package io.thanosjvm.api;

import java.util.List;
import java.util.Objects;

/**
 * A finished API answer: HTTP status and the JSON body in Prometheus' envelope. The body is written piece by
 * piece ({@link JsonBody}), so a web layer can stream a large answer in bounded chunks ({@link JsonChunks});
 * {@link #json()} gives it as one String for small answers.
 *
 * @param httpStatus the status code
 * @param body the body
 */
public record ApiResponse(int httpStatus, JsonBody body) {

  /** Validates. */
  public ApiResponse {
    Objects.requireNonNull(body, "body");
  }

  /** The whole body as one String. */
  public String json() {
    return body.asString();
  }

  /** {@code {"status":"success","data":<data>[,"warnings":[...]]}}. */
  public static ApiResponse success(String dataJson, List<String> warnings) {
    return success(JsonBody.of(dataJson), warnings);
  }

  /** {@code {"status":"success","data":<data>[,"warnings":[...]]}} with the data written piece by piece. */
  public static ApiResponse success(JsonBody data, List<String> warnings) {
    StringBuilder end = new StringBuilder(16);
    if (!warnings.isEmpty()) {
      end.append(",\"warnings\":[");
      for (int i = 0; i < warnings.size(); i++) {
        if (i > 0) {
          end.append(',');
        }
        PromJson.string(end, warnings.get(i));
      }
      end.append(']');
    }
    end.append('}');
    return new ApiResponse(200, JsonBody.concat(List.of(JsonBody.of("{\"status\":\"success\",\"data\":"), data,
        JsonBody.of(end.toString()))));
  }

  /** {@code {"status":"error","errorType":"<type>","error":"<message>"}}. */
  public static ApiResponse error(ApiError error, String message) {
    StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"errorType\":\"").append(error.type())
        .append("\",\"error\":");
    PromJson.string(sb, message);
    return new ApiResponse(error.httpStatus(), JsonBody.of(sb.append('}').toString()));
  }
}
