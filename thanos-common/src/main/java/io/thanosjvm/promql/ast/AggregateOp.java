package io.thanosjvm.promql.ast;

import java.util.Locale;

/** The aggregation operators. */
public enum AggregateOp {
  /** sum */ SUM,
  /** min */ MIN,
  /** max */ MAX,
  /** avg */ AVG,
  /** group */ GROUP,
  /** stddev */ STDDEV,
  /** stdvar */ STDVAR,
  /** count */ COUNT,
  /** count_values (string parameter) */ COUNT_VALUES,
  /** bottomk (scalar parameter) */ BOTTOMK,
  /** topk (scalar parameter) */ TOPK,
  /** quantile (scalar parameter) */ QUANTILE;

  /** The PromQL keyword. */
  public String promName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the operator takes a parameter before the vector. */
  public boolean hasParam() {
    return this == COUNT_VALUES || this == BOTTOMK || this == TOPK || this == QUANTILE;
  }

  /** The operator for a keyword (case-insensitive), or null. */
  public static AggregateOp byName(String word) {
    String u = word.toUpperCase(Locale.ROOT);
    for (AggregateOp op : values()) {
      if (op.name().equals(u)) {
        return op;
      }
    }
    return null;
  }
}
