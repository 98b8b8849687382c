package io.thanosjvm.promql.ast;

import java.util.Objects;

/**
 * A binary operation.
 *
 * @param op the operator
 * @param lhs the left operand
 * @param rhs the right operand
 * @param matching the vector matching when both operands are instant vectors, else null
 * @param returnBool whether the {@code bool} modifier is present
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool)
    implements Expr {

  /** Validates. */
  public BinaryExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(lhs, "lhs");
    Objects.requireNonNull(rhs, "rhs");
  }

  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
  }

  @Override
  public String toString() {
    return lhs + " " + op.symbol() + (returnBool ? " bool" : "") + (matching == null ? "" : matching.toString())
        + " " + rhs;
  }
}
