package io.thanosjvm.promql.ast;

/** The binary operators with Prometheus' precedence (higher binds tighter). */
public enum BinaryOp {
  /** or */ OR("or", 1),
  /** and */ AND("and", 2),
  /** unless */ UNLESS("unless", 2),
  /** == */ EQL("==", 3),
  /** != */ NEQ("!=", 3),
  /** less or equal */ LTE("<=", 3),
  /** less */ LSS("<", 3),
  /** greater or equal */ GTE(">=", 3),
  /** greater */ GTR(">", 3),
  /** + */ ADD("+", 4),
  /** - */ SUB("-", 4),
  /** * */ MUL("*", 5),
  /** / */ DIV("/", 5),
  /** % */ MOD("%", 5),
  /** atan2 */ ATAN2("atan2", 5),
  /** ^ (right-associative) */ POW("^", 6);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  /** The PromQL spelling. */
  public String symbol() {
    return symbol;
  }

  /** Precedence, 1 (or) to 6 (^). */
  public int precedence() {
    return precedence;
  }

  /** Whether this is {@code ^}, the only right-associative operator. */
  public boolean rightAssociative() {
    return this == POW;
  }

  /** Whether this is a comparison operator. */
  public boolean isComparison() {
    return precedence == 3;
  }

  /** Whether this is and/or/unless. */
  public boolean isSetOperator() {
    return this == AND || this == OR || this == UNLESS;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
