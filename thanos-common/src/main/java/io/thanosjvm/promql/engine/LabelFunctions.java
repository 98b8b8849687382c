package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Re2Syntax;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
      Pattern re;
      try {
        re = Pattern.compile("^(?:" + Re2Syntax.toJava(s.get(3)) + ")$");
      } catch (PatternSyntaxException e) {
        throw new QueryExecutionException("invalid regular expression in label_replace(): " + s.get(3));
      }
      if (!Label.isValidName(dst)) {
        throw new QueryExecutionException("invalid destination label name in label_replace(): " + dst);
      }
      relabel = l -> {
        Matcher m = re.matcher(l.get(src));
        if (!m.matches()) {
          return l;
        }
        return l.toBuilder().set(dst, expand(repl, m)).build();
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

  /** Go's Regexp.Expand: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  static String expand(String template, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (n == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0 || !isWord(template, i + 2, close)) {
          sb.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        end = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length() && isWordChar(template.charAt(j))) {
          j++;
        }
        if (j == i + 1) {
          sb.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      sb.append(group(m, name));
      i = end;
    }
    return sb.toString();
  }

  private static boolean isWord(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isWordChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static String group(Matcher m, String name) {
    String v;
    boolean numeric = name.chars().allMatch(Character::isDigit);
    try {
      if (numeric) {
        int idx = Integer.parseInt(name);
        v = idx <= m.groupCount() ? m.group(idx) : null;
      } else {
        v = m.group(name);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      v = null;
    }
    return v == null ? "" : v;
  }
}
