package io.thanosjvm.promql.ast;

/** The four PromQL value types, with Prometheus' names for error messages. */
public enum ValueType {
  /** A single number. */
  SCALAR("scalar"),
  /** One sample per series at the evaluation time. */
  VECTOR("instant vector"),
  /** Samples over a time window per series. */
  MATRIX("range vector"),
  /** A string. */
  STRING("string");

  private final String promName;

  ValueType(String promName) {
    this.promName = promName;
  }

  /** The name Prometheus uses in messages ("instant vector", ...). */
  public String promName() {
    return promName;
  }

  @Override
  public String toString() {
    return promName;
  }
}
