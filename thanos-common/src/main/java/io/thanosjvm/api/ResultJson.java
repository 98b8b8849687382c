package io.thanosjvm.api;

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
 * A PromQL result as Prometheus' {@code {"resultType":...,"result":...}} JSON, written as a {@link JsonBody}:
 * a vector one element per piece, a matrix one sample per piece, so a large result is streamed in bounded chunks.
 */
public final class ResultJson {

  private ResultJson() {}

  /** The result as a body written piece by piece. */
  public static JsonBody body(QueryValue value) {
    if (value instanceof VectorValue v) {
      return () -> new VectorWriter(v.elements());
    }
    if (value instanceof MatrixValue m) {
      return () -> new MatrixWriter(m.series());
    }
    StringBuilder sb = new StringBuilder(64);
    if (value instanceof ScalarValue s) {
      sb.append("{\"resultType\":\"scalar\",\"result\":[")
          .append(GoFloat.formatF(s.t() / 1000.0)).append(",\"").append(PromJson.scalarValue(s.v())).append("\"]}");
    } else if (value instanceof StringValue s) {
      sb.append("{\"resultType\":\"string\",\"result\":[").append(GoFloat.formatF(s.t() / 1000.0)).append(',');
      PromJson.string(sb, s.v());
      sb.append("]}");
    }
    return JsonBody.of(sb.toString());
  }

  /** Encodes a query result as one String (small results, benchmarks); the HTTP API streams {@link #body}. */
  public static String encode(QueryValue value) {
    return body(value).asString();
  }

  /** {@code {"resultType":"vector","result":[` then one {@code {"metric":...,"value":[t,"v"]}} per piece. */
  private static final class VectorWriter implements JsonBody.Writer {
    private final List<VectorElement> elements;
    private int next = -1;

    VectorWriter(List<VectorElement> elements) {
      this.elements = elements;
    }

    @Override
    public boolean writeNext(StringBuilder sb) {
      if (next < 0) {
        sb.append("{\"resultType\":\"vector\",\"result\":[");
      } else if (next < elements.size()) {
        VectorElement e = elements.get(next);
        sb.append(next == 0 ? "{\"metric\":" : ",{\"metric\":");
        PromJson.labels(sb, e.labels());
        sb.append(",\"value\":[");
        PromJson.timestamp(sb, e.t());
        sb.append(",\"").append(PromJson.sampleValue(e.v())).append("\"]}");
      } else if (next == elements.size()) {
        sb.append("]}");
      } else {
        return false;
      }
      next++;
      return true;
    }
  }

  /**
   * {@code {"resultType":"matrix","result":[}, then per series its {@code {"metric":...,"values":[} piece, one
   * {@code [t,"v"]} piece per sample and its closing {@code ]}}, then {@code ]}}.
   */
  private static final class MatrixWriter implements JsonBody.Writer {
    private final List<MatrixSeries> series;
    /** The series being written; -1 before the header. */
    private int index = -1;
    /** The next sample of that series; -1 before its metric. */
    private int sample = -1;
    private boolean done;

    MatrixWriter(List<MatrixSeries> series) {
      this.series = series;
    }

    @Override
    public boolean writeNext(StringBuilder sb) {
      if (done) {
        return false;
      }
      if (index < 0) {
        sb.append("{\"resultType\":\"matrix\",\"result\":[");
        index = 0;
        return true;
      }
      if (index == series.size()) {
        sb.append("]}");
        done = true;
        return true;
      }
      MatrixSeries s = series.get(index);
      if (sample < 0) {
        sb.append(index == 0 ? "{\"metric\":" : ",{\"metric\":");
        PromJson.labels(sb, s.labels());
        sb.append(",\"values\":[");
        sample = 0;
      } else if (sample < s.timestamps().length) {
        sb.append(sample == 0 ? "[" : ",[");
        PromJson.timestamp(sb, s.timestamps()[sample]);
        sb.append(",\"").append(PromJson.sampleValue(s.values()[sample])).append("\"]");
        sample++;
      } else {
        sb.append("]}");
        index++;
        sample = -1;
      }
      return true;
    }
  }
}
