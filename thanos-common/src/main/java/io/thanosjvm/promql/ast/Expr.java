package io.thanosjvm.promql.ast;

/** A PromQL expression. {@code toString()} renders PromQL that parses back to an equal expression. */
public sealed interface Expr
    permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr, Call, AggregateExpr,
        BinaryExpr, UnaryExpr, ParenExpr {

  /** The type of value this expression evaluates to. */
  ValueType type();

  /** This expression without any enclosing parentheses. */
  default Expr unwrapParens() {
    Expr e = this;
    while (e instanceof ParenExpr p) {
      e = p.inner();
    }
    return e;
  }
}
