package io.thanosjvm.rules.template;

import io.thanosjvm.model.PromDuration;
import io.thanosjvm.model.GoRegexp;
import io.thanosjvm.model.GoRegexpSyntaxException;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.rules.template.GoFunction.CallError;
import io.thanosjvm.rules.template.GoFunction.Type;
import io.thanosjvm.rules.template.GoValues.ArgsMap;
import io.thanosjvm.rules.template.GoValues.QueryResult;
import io.thanosjvm.rules.template.GoValues.SafeHtml;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prometheus 2.42's template function map ({@code template.NewTemplateExpander}), with Go's number formats. */
final class PrometheusFunctions {

  private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BIG1024 = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  private PrometheusFunctions() {}

  /** The functions for one expansion: {@code query} runs through {@code queryFn}; URLs come from {@code data}. */
  static Map<String, GoFunction> forExpansion(QueryFunction queryFn, String externalUrl) {
    Map<String, GoFunction> m = new LinkedHashMap<>();
    add(m, "query", List.of(Type.STRING), a -> {
      try {
        return new QueryResult(new ArrayList<>(queryFn.query((String) a.get(0))));
      } catch (QueryFunction.QueryException e) {
        throw new CallError(e.getMessage());
      }
    });
    add(m, "first", List.of(Type.QUERY_RESULT), a -> {
      QueryResult q = (QueryResult) a.get(0);
      if (q != null && !q.samples().isEmpty()) {
        return q.samples().get(0);
      }
      throw new CallError("first() called on vector with no elements");
    });
    add(m, "label", List.of(Type.STRING, Type.SAMPLE), a -> sample(a.get(1)).labels().getOrDefault(a.get(0), ""));
    add(m, "value", List.of(Type.SAMPLE), a -> sample(a.get(0)).value());
    add(m, "strvalue", List.of(Type.SAMPLE), a -> sample(a.get(0)).labels().getOrDefault("__value__", ""));
    m.put("args", new GoFunction("args", List.of(Type.ANY), true, a -> {
      TreeMap<String, Object> r = new TreeMap<>();
      for (int i = 0; i < a.size(); i++) {
        r.put("arg" + i, a.get(i));
      }
      return new ArgsMap(r);
    }));
    add(m, "reReplaceAll", List.of(Type.STRING, Type.STRING, Type.STRING), a -> {
      String pattern = (String) a.get(0);
      GoRegexp re;
      try {
        re = GoRegexp.compile(pattern);
      } catch (GoRegexpSyntaxException e) {
        throw new CallError("regexp: Compile(" + backquote(pattern) + "): " + e.getMessage());
      }
      return re.replaceAll((String) a.get(2), (String) a.get(1));
    });
    add(m, "safeHtml", List.of(Type.STRING), a -> new SafeHtml((String) a.get(0)));
    add(m, "match", List.of(Type.STRING, Type.STRING), a -> {
      try {
        return GoRegexp.compile((String) a.get(0)).find((String) a.get(1));
      } catch (GoRegexpSyntaxException e) {
        throw new CallError(e.getMessage());
      }
    });
    add(m, "title", List.of(Type.STRING), a -> title((String) a.get(0)));
    add(m, "toUpper", List.of(Type.STRING), a -> mapCodePoints((String) a.get(0), true));
    add(m, "toLower", List.of(Type.STRING), a -> mapCodePoints((String) a.get(0), false));
    add(m, "graphLink", List.of(Type.STRING),
        a -> "/graph?g0.expr=" + Builtins.queryEscape((String) a.get(0)) + "&g0.tab=0");
    add(m, "tableLink", List.of(Type.STRING),
        a -> "/graph?g0.expr=" + Builtins.queryEscape((String) a.get(0)) + "&g0.tab=1");
    add(m, "sortByLabel", List.of(Type.STRING, Type.QUERY_RESULT), a -> {
      String label = (String) a.get(0);
      QueryResult q = (QueryResult) a.get(1);
      if (q == null) {
        return null;
      }
      q.samples().sort(Comparator.comparing(s -> s.labels().getOrDefault(label, ""), Builtins::compareBytes));
      return q;
    });
    add(m, "stripPort", List.of(Type.STRING), a -> stripPort((String) a.get(0)));
    add(m, "stripDomain", List.of(Type.STRING), a -> stripDomain((String) a.get(0)));
    add(m, "toTime", List.of(Type.ANY), a -> toTime(toFloat(a.get(0))));
    add(m, "humanize", List.of(Type.ANY), a -> humanize(toFloat(a.get(0))));
    add(m, "humanize1024", List.of(Type.ANY), a -> humanize1024(toFloat(a.get(0))));
    add(m, "humanizeDuration", List.of(Type.ANY), a -> humanizeDuration(toFloat(a.get(0))));
    add(m, "humanizePercentage", List.of(Type.ANY), a -> g4(toFloat(a.get(0)) * 100) + "%");
    add(m, "humanizeTimestamp", List.of(Type.ANY), a -> humanizeTimestamp(toFloat(a.get(0))));
    add(m, "pathPrefix", List.of(), a -> urlPath(externalUrl));
    add(m, "externalURL", List.of(), a -> externalUrl);
    add(m, "parseDuration", List.of(Type.STRING), a -> {
      try {
        return PromDuration.parseMillis((String) a.get(0)) / 1000.0;
      } catch (IllegalArgumentException e) {
        throw new CallError(e.getMessage());
      }
    });
    return m;
  }

  private static void add(Map<String, GoFunction> m, String name, List<Type> params, GoFunction.Body body) {
    m.put(name, new GoFunction(name, params, false, body));
  }

  private static QuerySample sample(Object s) {
    if (s == null) {
      throw new CallError("runtime error: invalid memory address or nil pointer dereference");
    }
    return (QuerySample) s;
  }

  /** Prometheus' {@code convertToFloat}. */
  static double toFloat(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof String s) {
      try {
        return GoFloat.parse(s);
      } catch (NumberFormatException e) {
        throw new CallError("strconv.ParseFloat: parsing " + GoFmt.sprintf("%q", List.of(s)) + ": invalid syntax");
      }
    }
    throw new CallError("can't convert " + (v == null ? "<nil>" : GoValues.typeName(v)) + " to float");
  }

  /** {@code fmt.Sprintf("%.4g", v)}. */
  static String g4(double v) {
    return GoFmt.sprintf("%.4g", List.of(v));
  }

  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    if (Math.abs(v) >= 1) {
      String prefix = "";
      for (String p : BIG) {
        if (Math.abs(v) < 1000) {
          break;
        }
        prefix = p;
        v /= 1000;
      }
      return g4(v) + prefix;
    }
    String prefix = "";
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix;
  }

  static String humanize1024(double v) {
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    String prefix = "";
    for (String p : BIG1024) {
      if (Math.abs(v) < 1024) {
        break;
      }
      prefix = p;
      v /= 1024;
    }
    return g4(v) + prefix;
  }

  static String humanizeDuration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    if (v == 0) {
      return g4(v) + "s";
    }
    if (Math.abs(v) >= 1) {
      String sign = "";
      if (v < 0) {
        sign = "-";
        v = -v;
      }
      long duration = goInt64(v);
      long seconds = duration % 60;
      long minutes = (duration / 60) % 60;
      long hours = (duration / 60 / 60) % 24;
      long days = duration / 60 / 60 / 24;
      if (days != 0) {
        return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (hours != 0) {
        return sign + hours + "h " + minutes + "m " + seconds + "s";
      }
      if (minutes != 0) {
        return sign + minutes + "m " + seconds + "s";
      }
      return sign + g4(v) + "s";
    }
    String prefix = "";
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) {
        break;
      }
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix + "s";
  }

  /** Go's {@code int64(f)} on amd64: truncation, and the minimum int64 when out of range. */
  private static long goInt64(double f) {
    if (Double.isNaN(f) || f >= 0x1p63 || f < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) f;
  }

  static String humanizeTimestamp(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return g4(v);
    }
    return goTimeString(toTime(v));
  }

  /** Prometheus' {@code floatToTime}: seconds to a time truncated to milliseconds (a Go {@code *time.Time}). */
  static Instant toTime(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new CallError("value is NaN or Inf");
    }
    double ts = v * 1e9;
    if (ts > 0x1p63 || ts < -0x1p63) {
      throw new CallError(GoFmt.formatV(v, 0) + " cannot be represented as a nanoseconds timestamp since it "
          + "overflows int64");
    }
    long millis = goInt64(ts) / 1_000_000L;
    return Instant.ofEpochMilli(millis);
  }

  /** Prometheus' {@code stripDomain}: the first label of a host name, the port kept; IP addresses unchanged. */
  static String stripDomain(String hostPort) {
    String host = hostPort;
    String port = "";
    String stripped = stripPort(hostPort);
    if (!stripped.equals(hostPort) || splitsCleanly(hostPort)) {
      host = stripped;
      port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }
    if (isIp(host)) {
      return hostPort;
    }
    int dot = host.indexOf('.');
    host = dot < 0 ? host : host.substring(0, dot);
    if (!port.isEmpty()) {
      return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
    return host;
  }

  private static boolean splitsCleanly(String hostPort) {
    // stripPort returns its input both on failure and for inputs like ":" whose host is empty; tell them apart
    return hostPort.startsWith(":") && hostPort.indexOf(':', 1) < 0;
  }

  /** Go's {@code net.ParseIP(s) != nil}. */
  static boolean isIp(String s) {
    if (s.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
      return true;
    }
    if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address || s.contains(".");
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Go's {@code time.Time.String()} of a UTC time. */
  static String goTimeString(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder();
    int year = z.getYear();
    if (year < 0) {
      sb.append('-');
      year = -year;
    }
    String y = Integer.toString(year);
    sb.append("0".repeat(Math.max(0, 4 - y.length()))).append(y);
    sb.append(String.format("-%02d-%02d %02d:%02d:%02d", z.getMonthValue(), z.getDayOfMonth(), z.getHour(),
        z.getMinute(), z.getSecond()));
    int nanos = z.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (end > 0 && frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append(" +0000 UTC").toString();
  }

  /** Go's {@code strings.Title}. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(r) : r);
      prev = r;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7F) {
      return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
    }
    if (Character.isLetter(r) || Character.isDigit(r)) {
      return false;
    }
    return Character.isWhitespace(r) || Character.isSpaceChar(r);
  }

  private static String mapCodePoints(String s, boolean upper) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(upper ? Character.toUpperCase(r) : Character.toLowerCase(r));
    }
    return sb.toString();
  }

  /** Prometheus' {@code stripPort}: Go's {@code net.SplitHostPort} host, or the input when it fails. */
  static String stripPort(String hostPort) {
    int i = hostPort.lastIndexOf(':');
    if (i < 0) {
      return hostPort;
    }
    String host;
    int j = 0;
    int k = 0;
    if (hostPort.charAt(0) == '[') {
      int end = hostPort.indexOf(']');
      if (end < 0 || end + 1 != i) {
        return hostPort;
      }
      host = hostPort.substring(1, end);
      j = 1;
      k = end + 1;
    } else {
      host = hostPort.substring(0, i);
      if (host.indexOf(':') >= 0) {
        return hostPort;
      }
    }
    if (hostPort.indexOf('[', j) >= 0 || hostPort.indexOf(']', k) >= 0) {
      return hostPort;
    }
    return host;
  }

  private static String urlPath(String url) {
    try {
      String p = new URI(url).getPath();
      return p == null ? "" : p;
    } catch (java.net.URISyntaxException e) {
      return "";
    }
  }

  /** Go's {@code strconv.Quote}-or-backquote choice of {@code %#q}: backquotes when the pattern allows it. */
  private static String backquote(String s) {
    return s.indexOf('`') < 0 ? "`" + s + "`" : GoFmt.sprintf("%q", List.of(s));
  }
}
