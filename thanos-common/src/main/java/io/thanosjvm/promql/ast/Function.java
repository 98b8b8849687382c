package io.thanosjvm.promql.ast;

import static io.thanosjvm.promql.ast.ValueType.MATRIX;
import static io.thanosjvm.promql.ast.ValueType.SCALAR;
import static io.thanosjvm.promql.ast.ValueType.STRING;
import static io.thanosjvm.promql.ast.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every function of Prometheus 2.42 with its signature. */
public enum Function {
  ABS(VECTOR, 0, VECTOR), ABSENT(VECTOR, 0, VECTOR), ABSENT_OVER_TIME(VECTOR, 0, MATRIX),
  ACOS(VECTOR, 0, VECTOR), ACOSH(VECTOR, 0, VECTOR), ASIN(VECTOR, 0, VECTOR), ASINH(VECTOR, 0, VECTOR),
  ATAN(VECTOR, 0, VECTOR), ATANH(VECTOR, 0, VECTOR), AVG_OVER_TIME(VECTOR, 0, MATRIX), CEIL(VECTOR, 0, VECTOR),
  CHANGES(VECTOR, 0, MATRIX), CLAMP(VECTOR, 0, VECTOR, SCALAR, SCALAR), CLAMP_MAX(VECTOR, 0, VECTOR, SCALAR),
  CLAMP_MIN(VECTOR, 0, VECTOR, SCALAR), COS(VECTOR, 0, VECTOR), COSH(VECTOR, 0, VECTOR),
  COUNT_OVER_TIME(VECTOR, 0, MATRIX), DAYS_IN_MONTH(VECTOR, 1, VECTOR), DAY_OF_MONTH(VECTOR, 1, VECTOR),
  DAY_OF_WEEK(VECTOR, 1, VECTOR), DAY_OF_YEAR(VECTOR, 1, VECTOR), DEG(VECTOR, 0, VECTOR),
  DELTA(VECTOR, 0, MATRIX), DERIV(VECTOR, 0, MATRIX), EXP(VECTOR, 0, VECTOR), FLOOR(VECTOR, 0, VECTOR),
  HISTOGRAM_COUNT(VECTOR, 0, VECTOR), HISTOGRAM_SUM(VECTOR, 0, VECTOR),
  HISTOGRAM_FRACTION(VECTOR, 0, SCALAR, SCALAR, VECTOR), HISTOGRAM_QUANTILE(VECTOR, 0, SCALAR, VECTOR),
  HOLT_WINTERS(VECTOR, 0, MATRIX, SCALAR, SCALAR), HOUR(VECTOR, 1, VECTOR), IDELTA(VECTOR, 0, MATRIX),
  INCREASE(VECTOR, 0, MATRIX), IRATE(VECTOR, 0, MATRIX),
  LABEL_REPLACE(VECTOR, 0, VECTOR, STRING, STRING, STRING, STRING),
  LABEL_JOIN(VECTOR, -1, VECTOR, STRING, STRING, STRING), LAST_OVER_TIME(VECTOR, 0, MATRIX),
  LN(VECTOR, 0, VECTOR), LOG10(VECTOR, 0, VECTOR), LOG2(VECTOR, 0, VECTOR), MAX_OVER_TIME(VECTOR, 0, MATRIX),
  MIN_OVER_TIME(VECTOR, 0, MATRIX), MINUTE(VECTOR, 1, VECTOR), MONTH(VECTOR, 1, VECTOR), PI(SCALAR, 0),
  PREDICT_LINEAR(VECTOR, 0, MATRIX, SCALAR), PRESENT_OVER_TIME(VECTOR, 0, MATRIX),
  QUANTILE_OVER_TIME(VECTOR, 0, SCALAR, MATRIX), RAD(VECTOR, 0, VECTOR), RATE(VECTOR, 0, MATRIX),
  RESETS(VECTOR, 0, MATRIX), ROUND(VECTOR, 1, VECTOR, SCALAR), SCALAR_FN("scalar", SCALAR, 0, VECTOR),
  SGN(VECTOR, 0, VECTOR), SIN(VECTOR, 0, VECTOR), SINH(VECTOR, 0, VECTOR), SORT(VECTOR, 0, VECTOR),
  SORT_DESC(VECTOR, 0, VECTOR), SQRT(VECTOR, 0, VECTOR), STDDEV_OVER_TIME(VECTOR, 0, MATRIX),
  STDVAR_OVER_TIME(VECTOR, 0, MATRIX), SUM_OVER_TIME(VECTOR, 0, MATRIX), TAN(VECTOR, 0, VECTOR),
  TANH(VECTOR, 0, VECTOR), TIME(SCALAR, 0), TIMESTAMP(VECTOR, 0, VECTOR), VECTOR_FN("vector", VECTOR, 0, SCALAR),
  YEAR(VECTOR, 1, VECTOR);

  private static final Map<String, Function> BY_NAME = new HashMap<>();

  static {
    for (Function f : values()) {
      BY_NAME.put(f.promName, f);
    }
  }

  private final String promName;
  private final ValueType returnType;
  private final int variadic;
  private final List<ValueType> argTypes;

  Function(ValueType returnType, int variadic, ValueType... argTypes) {
    this(null, returnType, variadic, argTypes);
  }

  Function(String promName, ValueType returnType, int variadic, ValueType... argTypes) {
    this.promName = promName != null ? promName : name().toLowerCase(Locale.ROOT);
    this.returnType = returnType;
    this.variadic = variadic;
    this.argTypes = List.of(argTypes);
  }

  /** The function name in PromQL. */
  public String promName() {
    return promName;
  }

  /** The result type. */
  public ValueType returnType() {
    return returnType;
  }

  /** The declared argument types; with variadic functions the last one repeats. */
  public List<ValueType> argTypes() {
    return argTypes;
  }

  /** 0: fixed arity; n > 0: up to n optional trailing arguments; -1: unbounded. */
  public int variadic() {
    return variadic;
  }

  /** The function with this PromQL name, or null. */
  public static Function byName(String name) {
    return BY_NAME.get(name);
  }
}
