package io.thanosjvm.api;

import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.promql.engine.MatrixSeries;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.promql.engine.QueryValue;
import io.thanosjvm.promql.engine.ScalarValue;
import io.thanosjvm.promql.engine.StringValue;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;

/** A PromQL result as Prometheus' {@code {"resultType":...,"result":...}} JSON. */
public final class ResultJson {

  private ResultJson() {}

  /** Encodes a query result. */
  public static String encode(QueryValue value) {
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
}
