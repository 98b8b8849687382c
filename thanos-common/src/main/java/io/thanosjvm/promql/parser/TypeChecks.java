package io.thanosjvm.promql.parser;

import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AggregateOp;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.Function;
import io.thanosjvm.promql.ast.ValueType;
import java.util.function.ToIntFunction;

/** Prometheus' static type checks for calls and aggregations. */
final class TypeChecks {

  /** Makes a positioned error. */
  interface Errors {
    PromqlParseException at(int pos, String message);
  }

  private TypeChecks() {}

  static void checkCall(Call call, int pos, Errors err, ToIntFunction<Expr> posOf) {
    Function f = call.function();
    int nargs = f.argTypes().size();
    int n = call.args().size();
    String name = "\"" + f.promName() + "\"";
    if (f.variadic() == 0) {
      if (nargs != n) {
        throw err.at(pos, "expected " + nargs + " argument(s) in call to " + name + ", got " + n);
      }
    } else {
      int na = nargs - 1;
      if (na > n) {
        throw err.at(pos, "expected at least " + na + " argument(s) in call to " + name + ", got " + n);
      }
      int max = na + f.variadic();
      if (f.variadic() > 0 && max < n) {
        throw err.at(pos, "expected at most " + max + " argument(s) in call to " + name + ", got " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      int ti = Math.min(i, nargs - 1);
      expectType(call.args().get(i), f.argTypes().get(ti), "call to function " + name, err, posOf);
    }
  }

  static void checkAggregate(AggregateExpr agg, Errors err, ToIntFunction<Expr> posOf) {
    if (agg.expr().type() != ValueType.VECTOR) {
      throw err.at(posOf.applyAsInt(agg.expr()),
          "expected type instant vector in aggregation expression, got " + agg.expr().type().promName());
    }
    if (agg.param() != null) {
      ValueType want = agg.op() == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
      expectType(agg.param(), want, "aggregation parameter", err, posOf);
    }
  }

  private static void expectType(Expr e, ValueType want, String context, Errors err, ToIntFunction<Expr> posOf) {
    if (e.type() != want) {
      throw err.at(posOf.applyAsInt(e), "expected type " + want.promName() + " in " + context + ", got "
          + e.type().promName());
    }
  }
}
