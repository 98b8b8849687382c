package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.GoRegexp;
import io.thanosjvm.model.GoRegexpSyntaxException;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Function;
import java.util.ArrayList;
import java.util.List;

/** label_replace and label_join: new labels per series, values unchanged, name kept. */
final class LabelFunctions {

  private LabelFunctions() {}

  static EvalValue eval(Evaluator ev, Call call, StepGrid g) {
    StepVector in = ev.vectorArg(call.args().get(0), g);
    List<String> s = new ArrayList<>();
    for (int i = 1; i < call.args().size(); i++) {
      s.add(((StepString) ev.eval(call.args().get(i), g)).v());
    }
    java.util.function.UnaryOperator<Labels> relabel;
    if (call.function() == Function.LABEL_REPLACE) {
      String dst = s.get(0);
      String repl = s.get(1);
      String src = s.get(2);
      GoRegexp re;
      try {
        re = GoRegexp.anchored(s.get(3));
      } catch (GoRegexpSyntaxException e) {
        throw new QueryExecutionException("invalid regular expression in label_replace(): " + s.get(3));
      }
      if (!Label.isValidName(dst)) {
        throw new QueryExecutionException("invalid destination label name in label_replace(): " + dst);
      }
      relabel = l -> {
        GoRegexp.Match m = re.matchWhole(l.get(src));
        if (m == null) {
          return l;
        }
        return l.toBuilder().set(dst, m.expand(repl)).build();
      };
    } else {
      String dst = s.get(0);
      String sep = s.get(1);
      List<String> srcs = s.subList(2, s.size());
      for (String src : srcs) {
        if (!Label.isValidName(src)) {
          throw new QueryExecutionException("invalid source label name in label_join(): " + src);
        }
      }
      if (!Label.isValidName(dst)) {
        throw new QueryExecutionException("invalid destination label name in label_join(): " + dst);
      }
      relabel = l -> {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < srcs.size(); i++) {
          if (i > 0) {
            sb.append(sep);
          }
          sb.append(l.get(srcs.get(i)));
        }
        return l.toBuilder().set(dst, sb.toString()).build();
      };
    }
    OutputBuilder out = new OutputBuilder(g.n);
    for (StepSeries series : in.series()) {
      int idx = out.seriesFor(relabel.apply(series.labels));
      for (int i = 0; i < g.n; i++) {
        if (series.has[i]) {
          out.set(idx, i, series.v[i]);
        }
      }
    }
    return out.build();
  }
}
