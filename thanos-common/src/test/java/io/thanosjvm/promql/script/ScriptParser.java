package io.thanosjvm.promql.script;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.ast.GoFloat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Prometheus 2.42 PromQL test-script format (see the shared README). */
public final class ScriptParser {

  private static final Pattern EVAL = Pattern.compile(
      "^eval(?:_(fail|ordered))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOAD = Pattern.compile("^load\\s+(\\S+)$", Pattern.CASE_INSENSITIVE);

  private ScriptParser() {}

  /** Parses a whole script. */
  public static List<ScriptCommand> parse(String text) {
    String[] lines = text.split("\n", -1);
    List<ScriptCommand> out = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String line = clean(lines[i]);
      int lineNo = i + 1;
      i++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher lm = LOAD.matcher(line);
      Matcher em = EVAL.matcher(line);
      if (lm.matches()) {
        long step = PromDuration.parseMillis(lm.group(1));
        List<ScriptCommand.LoadedSeries> series = new ArrayList<>();
        while (i < lines.length && !clean(lines[i]).isEmpty()) {
          series.add(parseLoadLine(clean(lines[i]), step, i + 1));
          i++;
        }
        out.add(new ScriptCommand.Load(step, series, lineNo));
      } else if (line.equalsIgnoreCase("clear")) {
        out.add(new ScriptCommand.Clear(lineNo));
      } else if (em.matches()) {
        String mod = em.group(1) == null ? "" : em.group(1).toLowerCase(Locale.ROOT);
        long at = PromDuration.parseMillis(em.group(2));
        List<ScriptCommand.Expected> expected = new ArrayList<>();
        Double scalar = null;
        while (i < lines.length && !clean(lines[i]).isEmpty()) {
          String el = clean(lines[i]);
          i++;
          Double asNumber = tryNumber(el);
          if (asNumber != null) {
            scalar = asNumber;
            continue;
          }
          int end = seriesEnd(el);
          Labels labels = parseSeries(el.substring(0, end));
          String[] vals = el.substring(end).trim().split("\\s+");
          expected.add(new ScriptCommand.Expected(labels, GoFloat.parse(vals[0])));
        }
        out.add(new ScriptCommand.Eval(em.group(3), at, mod.equals("fail"), mod.equals("ordered"), expected, scalar,
            lineNo));
      } else {
        throw new IllegalArgumentException("line " + lineNo + ": unknown command: " + line);
      }
    }
    return out;
  }

  private static String clean(String raw) {
    String t = raw.trim();
    return t.startsWith("#") ? "" : t;
  }

  private static Double tryNumber(String s) {
    try {
      return GoFloat.parse(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The end offset of the series description at the start of a line. */
  static int seriesEnd(String line) {
    int brace = line.indexOf('{');
    int space = indexOfSpace(line);
    if (brace < 0 || (space >= 0 && space < brace)) {
      return space < 0 ? line.length() : space;
    }
    boolean inQuote = false;
    for (int i = brace; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuote) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inQuote = false;
        }
      } else if (c == '"') {
        inQuote = true;
      } else if (c == '}') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated series description: " + line);
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Parses {@code name{a="b", ...}}, {@code {__name__="x"}}, {@code name} or {@code {}}. */
  static Labels parseSeries(String desc) {
    Labels.Builder b = Labels.builder();
    int brace = desc.indexOf('{');
    String name = brace < 0 ? desc : desc.substring(0, brace);
    if (!name.isEmpty()) {
      b.set("__name__", name);
    }
    if (brace >= 0) {
      int i = brace + 1;
      while (true) {
        while (i < desc.length() && (desc.charAt(i) == ' ' || desc.charAt(i) == ',')) {
          i++;
        }
        if (desc.charAt(i) == '}') {
          break;
        }
        int eq = desc.indexOf('=', i);
        String ln = desc.substring(i, eq).trim();
        i = eq + 1;
        while (desc.charAt(i) == ' ') {
          i++;
        }
        char q = desc.charAt(i);
        StringBuilder v = new StringBuilder();
        i++;
        while (desc.charAt(i) != q) {
          char c = desc.charAt(i);
          if (c == '\\') {
            char n = desc.charAt(++i);
            v.append(switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> n;
            });
          } else {
            v.append(c);
          }
          i++;
        }
        i++;
        b.set(ln, v.toString());
      }
    }
    return b.build();
  }

  private static ScriptCommand.LoadedSeries parseLoadLine(String line, long step, int lineNo) {
    int end = seriesEnd(line);
    Labels labels = parseSeries(line.substring(0, end));
    String rest = line.substring(end).trim();
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    int idx = 0;
    for (String item : rest.isEmpty() ? new String[0] : rest.split("\\s+")) {
      try {
        idx = expand(item, idx, step, ts, vs);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + lineNo + ": bad value " + item + ": " + e.getMessage(), e);
      }
    }
    long[] t = new long[ts.size()];
    double[] v = new double[vs.size()];
    for (int k = 0; k < t.length; k++) {
      t[k] = ts.get(k);
      v[k] = vs.get(k);
    }
    return new ScriptCommand.LoadedSeries(labels, t, v);
  }

  private static int expand(String item, int idx, long step, List<Long> ts, List<Double> vs) {
    if (item.equals("_")) {
      return idx + 1;
    }
    if (item.startsWith("_x")) {
      return idx + Integer.parseInt(item.substring(2));
    }
    if (item.equals("stale")) {
      ts.add(idx * step);
      vs.add(StaleMarker.STALE_NAN);
      return idx + 1;
    }
    int x = item.lastIndexOf('x');
    if (x < 0) {
      ts.add(idx * step);
      vs.add(GoFloat.parse(item));
      return idx + 1;
    }
    int times = Integer.parseInt(item.substring(x + 1));
    String head = item.substring(0, x);
    double start;
    double delta = 0;
    int op = -1;
    for (int k = 1; k < head.length(); k++) {
      char c = head.charAt(k);
      char prev = head.charAt(k - 1);
      if ((c == '+' || c == '-') && prev != 'e' && prev != 'E') {
        op = k;
        break;
      }
    }
    if (op < 0) {
      start = GoFloat.parse(head);
    } else {
      start = GoFloat.parse(head.substring(0, op));
      delta = GoFloat.parse(head.substring(op + 1));
      if (head.charAt(op) == '-') {
        delta = -delta;
      }
    }
    double cur = start;
    for (int k = 0; k <= times; k++) {
      ts.add(idx * step);
      vs.add(cur);
      cur += delta;
      idx++;
    }
    return idx;
  }
}
