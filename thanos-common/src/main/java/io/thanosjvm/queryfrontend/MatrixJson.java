package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.PromJson;
import io.thanosjvm.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes Prometheus' range query JSON ({@code resultType} {@code matrix}) with a streaming parser:
 * sample times and values go straight into primitive arrays. Writing uses Prometheus' formatting
 * ({@link PromJson}), so a response read and written again is byte-identical to Prometheus' own.
 */
public final class MatrixJson {

  private static final JsonFactory JSON = new JsonFactory();

  private MatrixJson() {}

  /**
   * Parses a success response body.
   *
   * @throws ResponseFormatException when the body is not a success matrix response (the message says why)
   */
  public static Matrix parse(byte[] body) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "response");
      List<MatrixSeries> series = null;
      List<String> warnings = new ArrayList<>();
      String status = null;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "status" -> status = p.getString();
          case "data" -> series = data(p);
          case "warnings" -> {
            expect(t, JsonToken.START_ARRAY, "warnings");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              warnings.add(p.getString());
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!"success".equals(status) || series == null) {
        throw new ResponseFormatException("not a success response with data (status " + status + ")");
      }
      return new Matrix(series, warnings);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new ResponseFormatException("malformed range query response: " + e.getMessage(), e);
    }
  }

  private static List<MatrixSeries> data(JsonParser p) {
    expect(p.currentToken(), JsonToken.START_OBJECT, "data");
    List<MatrixSeries> series = null;
    String type = null;
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      p.nextToken();
      switch (name) {
        case "resultType" -> type = p.getString();
        case "result" -> series = result(p);
        default -> p.skipChildren();
      }
    }
    if (!"matrix".equals(type)) {
      throw new ResponseFormatException("expected resultType matrix, got " + type);
    }
    return series == null ? List.of() : series;
  }

  private static List<MatrixSeries> result(JsonParser p) {
    expect(p.currentToken(), JsonToken.START_ARRAY, "result");
    List<MatrixSeries> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Labels labels = Labels.EMPTY;
      long[] ts = new long[16];
      double[] vs = new double[16];
      int n = 0;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "metric" -> {
            expect(t, JsonToken.START_OBJECT, "metric");
            Labels.Builder b = Labels.builder();
            for (String ln = p.nextName(); ln != null; ln = p.nextName()) {
              p.nextToken();
              b.set(ln, p.getString());
            }
            labels = b.build();
          }
          case "values" -> {
            expect(t, JsonToken.START_ARRAY, "values");
            while (p.nextToken() == JsonToken.START_ARRAY) {
              if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
              }
              p.nextToken();
              ts[n] = millis(p.getText());
              p.nextToken();
              vs[n] = value(p.getString());
              n++;
              expect(p.nextToken(), JsonToken.END_ARRAY, "sample");
            }
          }
          case "histograms" -> throw new ResponseFormatException(
              "native histogram samples are not supported by the query frontend yet");
          default -> p.skipChildren();
        }
      }
      out.add(new MatrixSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n)));
    }
    return out;
  }

  private static void expect(JsonToken got, JsonToken want, String what) {
    if (got != want) {
      throw new ResponseFormatException("malformed range query response: expected " + want + " for " + what
          + ", got " + got);
    }
  }

  /** A JSON timestamp in seconds ({@code 1700000000}, {@code 1700000000.5}) in ms, exactly. */
  static long millis(String s) {
    int dot = s.indexOf('.');
    if (dot < 0) {
      return Math.multiplyExact(Long.parseLong(s), 1000L);
    }
    boolean negative = s.startsWith("-");
    long whole = Long.parseLong(s.substring(0, dot).isEmpty() || s.substring(0, dot).equals("-") ? "0"
        : s.substring(0, dot));
    String frac = (s.substring(dot + 1) + "000").substring(0, 3);
    long ms = Long.parseLong(frac);
    return Math.multiplyExact(whole, 1000L) + (negative ? -ms : ms);
  }

  private static double value(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  /**
   * Appends {@link PromJson#sampleValue} of {@code v} without its slow general path for the common values:
   * integers below 1e15 are their digits, and a plain-notation {@link Double#toString} with at most 15
   * significant digits is already the shortest decimal that reads back as {@code v} (two different decimals of
   * at most 15 digits never read as the same double).
   */
  static void sampleValue(StringBuilder sb, double v) {
    double abs = Math.abs(v);
    if (abs < 1e15 && v == Math.rint(v) && !(v == 0 && 1 / v < 0)) {
      sb.append((long) v);
      return;
    }
    if (abs >= 1e-3 && abs < 1e7) {
      String s = Double.toString(v);
      int digits = 0;
      boolean leading = true;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9' && !(leading && c == '0')) {
          leading = false;
          digits++;
        }
      }
      if (digits <= 15 && s.indexOf('E') < 0) {
        sb.append(s);
        return;
      }
    }
    sb.append(PromJson.sampleValue(v));
  }

  /** The success response body Prometheus writes for {@code m}. */
  public static byte[] encode(Matrix m) {
    StringBuilder sb = new StringBuilder(256 + (int) Math.min(Integer.MAX_VALUE / 2, m.samples() * 24));
    sb.append("{\"resultType\":\"matrix\",\"result\":[");
    for (int i = 0; i < m.series().size(); i++) {
      MatrixSeries s = m.series().get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"metric\":");
      PromJson.labels(sb, s.labels());
      sb.append(",\"values\":[");
      long[] ts = s.timestamps();
      double[] vs = s.values();
      for (int j = 0; j < ts.length; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append('[');
        PromJson.timestamp(sb, ts[j]);
        sb.append(",\"");
        sampleValue(sb, vs[j]);
        sb.append("\"]");
      }
      sb.append("]}");
    }
    sb.append("]}");
    return ApiResponse.success(sb.toString(), m.warnings()).json().getBytes(StandardCharsets.UTF_8);
  }
}
