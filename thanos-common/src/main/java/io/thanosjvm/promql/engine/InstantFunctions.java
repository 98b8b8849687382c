package io.thanosjvm.promql.engine;

import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Function;

/** Element-wise functions over an instant vector (math, clamping, rounding, calendar). They drop the name. */
final class InstantFunctions {

  private InstantFunctions() {}

  static EvalValue eval(Evaluator ev, Call call, StepGrid g) {
    Function f = call.function();
    StepVector in;
    if (call.args().isEmpty()) {
      // Calendar functions default to vector(time()).
      StepSeries s = new StepSeries(io.thanosjvm.model.Labels.EMPTY, g.n);
      for (int i = 0; i < g.n; i++) {
        s.has[i] = true;
        s.v[i] = g.t(i) / 1000.0;
      }
      in = new StepVector(java.util.List.of(s));
    } else {
      in = ev.vectorArg(call.args().get(0), g);
    }
    double[] a1 = call.args().size() > 1 ? ev.scalarArg(call.args().get(1), g) : null;
    double[] a2 = call.args().size() > 2 ? ev.scalarArg(call.args().get(2), g) : null;
    OutputBuilder out = new OutputBuilder(g.n);
    for (StepSeries s : in.series()) {
      int idx = -1;
      for (int i = 0; i < g.n; i++) {
        if (!s.has[i]) {
          continue;
        }
        double v = s.v[i];
        double r;
        switch (f) {
          case CLAMP -> {
            if (a2[i] < a1[i]) {
              continue;
            }
            r = Math.max(a1[i], Math.min(a2[i], v));
          }
          case CLAMP_MAX -> r = Math.min(a1[i], v);
          case CLAMP_MIN -> r = Math.max(a1[i], v);
          case ROUND -> {
            double toNearest = a1 == null ? 1 : a1[i];
            double inv = 1.0 / toNearest;
            r = Math.floor(v * inv + 0.5) / inv;
          }
          default -> r = apply(f, v);
        }
        if (idx < 0) {
          idx = out.seriesFor(s.labels.withoutMetricName());
        }
        out.set(idx, i, r);
      }
    }
    ev.release(in);
    StepVector res = out.build();
    ev.ctx.addSamples(res.points());
    return res;
  }

  static double apply(Function f, double v) {
    return switch (f) {
      case ABS -> Math.abs(v);
      case CEIL -> Math.ceil(v);
      case FLOOR -> Math.floor(v);
      case EXP -> Math.exp(v);
      case SQRT -> Math.sqrt(v);
      case LN -> Math.log(v);
      case LOG2 -> log2(v);
      case LOG10 -> Math.log10(v);
      case SIN -> Math.sin(v);
      case COS -> Math.cos(v);
      case TAN -> Math.tan(v);
      case ASIN -> Math.asin(v);
      case ACOS -> Math.acos(v);
      case ATAN -> Math.atan(v);
      case SINH -> Math.sinh(v);
      case COSH -> Math.cosh(v);
      case TANH -> Math.tanh(v);
      case ASINH -> asinh(v);
      case ACOSH -> acosh(v);
      case ATANH -> atanh(v);
      case DEG -> v * 180 / Math.PI;
      case RAD -> v * Math.PI / 180;
      case SGN -> v > 0 ? 1 : v < 0 ? -1 : v;
      case DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_YEAR, DAYS_IN_MONTH, HOUR, MINUTE, MONTH, YEAR ->
          CivilTime.field(f, epochSeconds(v));
      default -> throw new IllegalStateException("not an element-wise function: " + f);
    };
  }

  private static double log2(double v) {
    if (v > 0 && !Double.isInfinite(v)) {
      // Exact for powers of two, like Go's math.Log2.
      int exp = Math.getExponent(v);
      if (v == Math.scalb(1.0, exp)) {
        return exp;
      }
    }
    return Math.log(v) / Math.log(2);
  }

  private static double asinh(double x) {
    if (Double.isInfinite(x) || Double.isNaN(x) || x == 0) {
      return x;
    }
    double a = Math.abs(x);
    double r = Math.log(a + Math.sqrt(a * a + 1));
    if (a > 1e150) {
      r = Math.log(a) + Math.log(2);
    }
    return x < 0 ? -r : r;
  }

  private static double acosh(double x) {
    if (x < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return 0;
    }
    if (x > 1e150) {
      return Math.log(x) + Math.log(2);
    }
    return Math.log(x + Math.sqrt(x * x - 1));
  }

  private static double atanh(double x) {
    if (x < -1 || x > 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (x == -1) {
      return Double.NEGATIVE_INFINITY;
    }
    return 0.5 * Math.log1p(2 * x / (1 - x));
  }

  /** Go's {@code int64(v)}: truncation, with NaN and out-of-range values mapping to the minimum. */
  private static long epochSeconds(double v) {
    if (Double.isNaN(v) || v >= 9.223372036854776E18 || v < -9.223372036854776E18) {
      return Long.MIN_VALUE;
    }
    return (long) v;
  }
}
