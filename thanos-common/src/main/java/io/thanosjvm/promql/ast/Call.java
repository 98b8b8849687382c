package io.thanosjvm.promql.ast;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A function call.
 *
 * @param function the function
 * @param args the arguments
 */
public record Call(Function function, List<Expr> args) implements Expr {

  /** Validates and copies. */
  public Call {
    Objects.requireNonNull(function, "function");
    args = List.copyOf(args);
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }

  @Override
  public String toString() {
    return function.promName() + "(" + args.stream().map(Expr::toString).collect(Collectors.joining(", ")) + ")";
  }
}
