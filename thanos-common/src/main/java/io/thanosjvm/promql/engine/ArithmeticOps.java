package io.thanosjvm.promql.engine;

import io.thanosjvm.promql.ast.BinaryOp;

/** Scalar arithmetic and comparison with Go's float semantics. */
final class ArithmeticOps {

  private ArithmeticOps() {}

  /** {@code lhs op rhs} for arithmetic operators. */
  static double arithmetic(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> goPow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> throw new IllegalArgumentException("not arithmetic: " + op);
    };
  }

  /** Whether {@code lhs op rhs} holds for comparison operators. */
  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  /** Go's math.Pow special cases where Java's differs. */
  static double goPow(double x, double y) {
    if (x == 1 || y == 0) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }
}
