package io.thanosjvm.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random well-typed expressions over random data (fixed seeds, bounded count): evaluation either succeeds or
 * fails with a typed {@link PromqlException} that is not an internal error, and printing round-trips.
 */
class PromqlFuzzTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomExpressionsOnlyFailWithTypedErrors(long seed) {
    Gen gen = new Gen(seed);
    InMemoryQueryable store = gen.data();
    Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(200_000).withTimeout(Duration.ofSeconds(30)));
    int ok = 0;
    for (int i = 0; i < 150; i++) {
      String q = gen.vector(1 + gen.rnd.nextInt(3));
      Expr e = PromqlParser.parse(q);
      assertThat(PromqlParser.parse(e.toString())).as(q).isEqualTo(e);
      long t = gen.rnd.nextInt(1_300_000);
      try {
        engine.instantQuery(store, e, t, null);
        engine.rangeQuery(store, e, t, t + 600_000, 1_000 + gen.rnd.nextInt(60_000), null);
        ok++;
      } catch (PromqlException ex) {
        if (ex.getCause() != null) {
          fail("internal error for " + q, ex);
        }
      }
    }
    assertThat(ok).as("most random queries evaluate").isGreaterThan(75);
  }

  /** A seeded generator of well-typed PromQL and of random series. */
  private static final class Gen {
  private static final String[] METRICS = {"m1", "m2", "m3"};
  private static final String[] LABELS = {"a", "b", "le"};
  private static final String[] RANGE_FNS = {"rate", "irate", "increase", "delta", "idelta", "deriv", "changes",
      "resets", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
      "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time", "absent_over_time"};
  private static final String[] VECTOR_FNS = {"abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn",
      "sort", "sort_desc", "timestamp", "absent", "round", "sin", "cos", "tanh", "asinh", "atanh", "acosh",
      "day_of_month", "hour", "year", "days_in_month"};
  private static final String[] AGGS = {"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count"};
  private static final String[] BIN_OPS = {"+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">", "<", ">=", "<="};

  private final Random rnd;

  Gen(long seed) {
    this.rnd = new Random(seed);
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private String selector() {
    StringBuilder sb = new StringBuilder(pick(METRICS));
    if (rnd.nextBoolean()) {
      String[] ops = {"=", "!=", "=~", "!~"};
      sb.append('{').append(pick(LABELS)).append(pick(ops)).append("\"").append(rnd.nextBoolean() ? "x" : "y|.*")
          .append("\"}");
    }
    return sb.toString();
  }

  private String modifiers() {
    String s = "";
    int r = rnd.nextInt(6);
    if (r == 0) {
      s += " offset " + (rnd.nextBoolean() ? "-" : "") + (1 + rnd.nextInt(5)) + "m";
    } else if (r == 1) {
      s += " @ " + rnd.nextInt(1200);
    } else if (r == 2) {
      s += rnd.nextBoolean() ? " @ start()" : " @ end()";
    }
    return s;
  }

  private String range() {
    if (rnd.nextInt(4) == 0) {
      return "(" + vector(2) + ")[" + (1 + rnd.nextInt(10)) + "m:" + (rnd.nextBoolean() ? "" : (1 + rnd.nextInt(90)) + "s")
          + "]" + modifiers();
    }
    return selector() + "[" + (1 + rnd.nextInt(10)) + "m]" + modifiers();
  }

  private String scalar(int depth) {
    if (depth <= 0) {
      return rnd.nextInt(5) == 0 ? pick(new String[] {"NaN", "Inf", "-Inf", "0"}) : String.valueOf(rnd.nextInt(7) - 2);
    }
    return switch (rnd.nextInt(5)) {
      case 0 -> "scalar(" + vector(depth - 1) + ")";
      case 1 -> "time()";
      case 2 -> "(" + scalar(depth - 1) + " " + pick(new String[] {"+", "-", "*", "/", "^", "%"}) + " "
          + scalar(depth - 1) + ")";
      case 3 -> "(" + scalar(depth - 1) + " > bool " + scalar(depth - 1) + ")";
      default -> scalar(0);
    };
  }

  private String vector(int depth) {
    if (depth <= 0) {
      return selector() + modifiers();
    }
    String grouping = rnd.nextBoolean() ? "" : (rnd.nextBoolean() ? " by (" : " without (") + pick(LABELS) + ")";
    return switch (rnd.nextInt(12)) {
      case 0 -> pick(RANGE_FNS) + "(" + range() + ")";
      case 1 -> pick(VECTOR_FNS) + "(" + vector(depth - 1) + ")";
      case 2 -> pick(AGGS) + grouping + " (" + vector(depth - 1) + ")";
      case 3 -> pick(new String[] {"topk", "bottomk", "quantile"}) + grouping + " (" + scalar(depth - 1) + ", "
          + vector(depth - 1) + ")";
      case 4 -> {
        String op = pick(BIN_OPS);
        boolean cmp = op.contains("=") || op.contains("<") || op.contains(">");
        yield "(" + vector(depth - 1) + " " + op + (cmp && rnd.nextBoolean() ? " bool" : "") + " "
            + vector(depth - 1) + ")";
      }
      case 5 -> "(" + vector(depth - 1) + " " + pick(BIN_OPS) + " " + scalar(depth - 1) + ")";
      case 6 -> "(" + vector(depth - 1) + " " + pick(new String[] {"and", "or", "unless"}) + " on(" + pick(LABELS)
          + ") " + vector(depth - 1) + ")";
      case 7 -> {
        int on = rnd.nextInt(LABELS.length);
        int incl = (on + 1 + rnd.nextInt(LABELS.length - 1)) % LABELS.length;
        yield "(" + vector(depth - 1) + " * on(" + LABELS[on] + ") group_left(" + LABELS[incl] + ") "
            + vector(depth - 1) + ")";
      }
      case 8 -> "histogram_quantile(" + scalar(depth - 1) + ", " + vector(depth - 1) + ")";
      case 9 -> "label_replace(" + vector(depth - 1) + ", \"dst\", \"$1\", \"" + pick(LABELS) + "\", \"(.)\")";
      case 10 -> "count_values(\"v\", " + vector(depth - 1) + ")";
      default -> "-" + vector(depth - 1);
    };
  }

  private InMemoryQueryable data() {
    InMemoryQueryable q = new InMemoryQueryable();
    for (String m : METRICS) {
      for (int s = 0; s < 4; s++) {
        Labels l = Labels.of("__name__", m, "a", String.valueOf(s % 2), "b", "x" + s, "le", s == 3 ? "+Inf" : "" + s);
        long t = rnd.nextInt(30_000);
        double v = rnd.nextInt(10);
        while (t < 1_200_000) {
          int kind = rnd.nextInt(40);
          double val = kind == 0 ? StaleMarker.STALE_NAN : kind == 1 ? Double.NaN : v;
          q.append(l, t, val);
          v += rnd.nextInt(5) - (rnd.nextInt(10) == 0 ? 20 : 0);
          t += 1_000 + rnd.nextInt(60_000);
        }
      }
    }
    return q;
  }

}
}
