package io.thanosjvm.testing;

import io.thanosjvm.api.PromJson;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.promql.engine.MatrixSeries;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.promql.engine.QueryValue;
import io.thanosjvm.promql.engine.ScalarValue;
import io.thanosjvm.promql.engine.StringValue;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;
import java.util.List;

/**
 * The query API's encoding before it was streamed, kept verbatim as the reference: the whole
 * {@code {"status":"success","data":{"resultType":...}}} answer built as one String. Streamed answers must equal
 * it byte for byte.
 */
public final class OneStringJson {

  private OneStringJson() {}

  /** The success envelope around {@code dataJson}, as {@code ApiResponse.success} built it. */
  public static String success(String dataJson, List<String> warnings) {
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
    return sb.append('}').toString();
  }

  /** A query result, as {@code ResultJson.encode} built it. */
  public static String result(QueryValue value) {
    StringBuilder sb = new StringBuilder(256);
    if (value instanceof VectorValue v) {
        sb.append("{\"resultType\":\"vector\",\"result\":[");
        boolean first = true;
        for (VectorElement e : v.elements()) {
          sb.append(first ? "" : ",").append("{\"metric\":");
          PromJson.labels(sb, e.labels());
          sb.append(",\"value\":[");
          PromJson.timestamp(sb, e.t());
          sb.append(",\"").append(PromJson.sampleValue(e.v())).append("\"]}");
          first = false;
        }
        sb.append("]}");
    } else if (value instanceof MatrixValue m) {
        sb.append("{\"resultType\":\"matrix\",\"result\":[");
        boolean first = true;
        for (MatrixSeries s : m.series()) {
          sb.append(first ? "" : ",").append("{\"metric\":");
          PromJson.labels(sb, s.labels());
          sb.append(",\"values\":[");
          for (int i = 0; i < s.timestamps().length; i++) {
            sb.append(i == 0 ? "[" : ",[");
            PromJson.timestamp(sb, s.timestamps()[i]);
            sb.append(",\"").append(PromJson.sampleValue(s.values()[i])).append("\"]");
          }
          sb.append("]}");
          first = false;
        }
        sb.append("]}");
    } else if (value instanceof ScalarValue s) {
      sb.append("{\"resultType\":\"scalar\",\"result\":[")
          .append(GoFloat.formatF(s.t() / 1000.0)).append(",\"").append(PromJson.scalarValue(s.v())).append("\"]}");
    } else if (value instanceof StringValue s) {
        sb.append("{\"resultType\":\"string\",\"result\":[").append(GoFloat.formatF(s.t() / 1000.0)).append(',');
        PromJson.string(sb, s.v());
        sb.append("]}");
    }
    return sb.toString();
  }

  /**
   * A matrix of {@code series} × {@code points} with awkward content: values of every formatting class
   * (NaN, ±Inf, 0, -0, tiny, huge, fractional, integers), millisecond timestamps (some before 1970), labels
   * needing escapes and non-ASCII (including a surrogate pair). Deterministic for a seed.
   */
  public static MatrixValue awkwardMatrix(int series, int points, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e-7, 1e21,
        -123.456, 0.1 + 0.2, Double.MIN_VALUE, Double.MAX_VALUE, 5e-324, 1e-6, 9.999999e20};
    String[] odd = {"a\"b", "back\\slash", "<html>&amp;", "tab\tnew\nline", "ünïcödé", "emoji \uD83D\uDE00",
        "\u2028sep", "ctl\u0001"};
    List<MatrixSeries> out = new java.util.ArrayList<>(series);
    for (int s = 0; s < series; s++) {
      long[] ts = new long[points];
      double[] vs = new double[points];
      long t = -50_000 + s * 7L;
      for (int i = 0; i < points; i++) {
        t += 1 + r.nextInt(30_000);
        ts[i] = t;
        int kind = r.nextInt(10);
        vs[i] = kind == 0 ? specials[r.nextInt(specials.length)]
            : kind < 4 ? r.nextInt(1_000_000) : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-9, 24));
      }
      out.add(new MatrixSeries(io.thanosjvm.model.Labels.of("__name__", "m", "odd", odd[s % odd.length],
          "series", String.format("%04d", s)), ts, vs));
    }
    return new MatrixValue(out);
  }
}
