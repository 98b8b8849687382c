package io.thanosjvm.rules.template;

import io.thanosjvm.model.PromStrings;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.rules.template.GoValues.ArgsMap;
import io.thanosjvm.rules.template.GoValues.QueryResult;
import io.thanosjvm.rules.template.GoValues.SafeHtml;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} for the values templates handle: {@code Sprint}, {@code Sprintln} and {@code Sprintf} with Go's
 * verbs, flags, widths and precisions, float formatting as {@code strconv} does it ({@code %g} with Go's exponent
 * rules and at least two exponent digits), and Go's {@code %!verb(type=value)} texts for mismatches.
 */
public final class GoFmt {

  private static final String POINTER = "0xc000010000";

  private GoFmt() {}

  /** Go's {@code fmt.Sprint}: operands printed with {@code %v}, a space between two operands that are not strings. */
  public static String sprint(List<?> args) {
    StringBuilder sb = new StringBuilder();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      boolean isString = GoValues.stringKind(arg) != null;
      if (i > 0 && !isString && !prevString) {
        sb.append(' ');
      }
      sb.append(formatV(arg, 0));
      prevString = isString;
    }
    return sb.toString();
  }

  /** Go's {@code fmt.Sprintln}: operands with {@code %v}, always separated by a space, then a newline. */
  public static String sprintln(List<?> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(formatV(args.get(i), 0));
    }
    return sb.append('\n').toString();
  }

  /** Go's {@code %v} of a value (top level: a pointer to a struct prints as {@code &{...}}). */
  public static String formatV(Object v, int depth) {
    StringBuilder sb = new StringBuilder();
    Spec spec = new Spec();
    spec.verb = 'v';
    appendValue(sb, v, spec, depth);
    return sb.toString();
  }

  /** Go's {@code fmt.Sprintf}. */
  public static String sprintf(String format, List<?> args) {
    StringBuilder out = new StringBuilder();
    int argNum = 0;
    int end = format.length();
    int i = 0;
    while (i < end) {
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      out.append(format, lasti, i);
      if (i >= end) {
        break;
      }
      i++; // skip %
      Spec spec = new Spec();
      flags:
      for (; i < end; i++) {
        switch (format.charAt(i)) {
          case '#' -> spec.sharp = true;
          case '0' -> spec.zero = !spec.minus;
          case '+' -> spec.plus = true;
          case '-' -> {
            spec.minus = true;
            spec.zero = false;
          }
          case ' ' -> spec.space = true;
          default -> {
            break flags;
          }
        }
      }
      // width
      if (i < end && format.charAt(i) == '*') {
        i++;
        if (argNum < args.size() && args.get(argNum) instanceof Long w) {
          spec.width = (int) (long) w;
          spec.widthPresent = true;
          if (spec.width < 0) {
            spec.minus = true;
            spec.zero = false;
            spec.width = -spec.width;
          }
        } else {
          out.append("%!(BADWIDTH)");
        }
        argNum++;
      } else {
        int start = i;
        while (i < end && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          spec.width = Integer.parseInt(format.substring(start, i));
          spec.widthPresent = true;
        }
      }
      if (i + 1 <= end && i < end && format.charAt(i) == '.') {
        i++;
        spec.precPresent = true;
        if (i < end && format.charAt(i) == '*') {
          i++;
          if (argNum < args.size() && args.get(argNum) instanceof Long p && p >= 0) {
            spec.prec = (int) (long) p;
          } else {
            spec.precPresent = false;
            out.append("%!(BADPREC)");
          }
          argNum++;
        } else {
          int start = i;
          while (i < end && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      if (i >= end) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      spec.verb = verb;
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argNum >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      appendValue(out, args.get(argNum++), spec, 0);
    }
    if (argNum < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argNum; k < args.size(); k++) {
        if (k > argNum) {
          out.append(", ");
        }
        Object a = args.get(k);
        if (a == null) {
          out.append("<nil>");
        } else {
          out.append(GoValues.typeName(a)).append('=').append(formatV(a, 0));
        }
      }
      out.append(')');
    }
    return out.toString();
  }

  /** One parsed verb with its flags. */
  private static final class Spec {
    int verb;
    boolean sharp;
    boolean zero;
    boolean plus;
    boolean minus;
    boolean space;
    boolean widthPresent;
    boolean precPresent;
    int width;
    int prec;
  }

  private static void appendValue(StringBuilder out, Object v, Spec spec, int depth) {
    int verb = spec.verb;
    if (v == null) {
      if (verb == 'v') {
        pad(out, "<nil>", spec);
      } else {
        out.append("%!").appendCodePoint(verb).append("(<nil>)");
      }
      return;
    }
    if (v instanceof Boolean b) {
      if (verb == 'v' || verb == 't') {
        pad(out, b.toString(), spec);
      } else {
        badVerb(out, v, spec);
      }
      return;
    }
    if (v instanceof Long l) {
      formatInteger(out, l, spec);
      return;
    }
    if (v instanceof Double d) {
      formatFloat(out, d, spec);
      return;
    }
    String s = GoValues.stringKind(v);
    if (s != null) {
      formatString(out, s, spec);
      return;
    }
    if (v instanceof ArgsMap m) {
      appendMap(out, m.map(), spec, depth);
      return;
    }
    if (v instanceof Map<?, ?> m) {
      java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
      m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      appendMap(out, sorted, spec, depth);
      return;
    }
    if (v instanceof QueryResult q) {
      out.append('[');
      for (int k = 0; k < q.samples().size(); k++) {
        if (k > 0) {
          out.append(' ');
        }
        appendValue(out, q.samples().get(k), spec, depth + 1);
      }
      out.append(']');
      return;
    }
    if (v instanceof List<?> list) {
      out.append('[');
      for (int k = 0; k < list.size(); k++) {
        if (k > 0) {
          out.append(' ');
        }
        appendValue(out, list.get(k), spec, depth + 1);
      }
      out.append(']');
      return;
    }
    if (v instanceof QuerySample sample) {
      if (depth > 0) {
        out.append(POINTER);
        return;
      }
      out.append("&{");
      appendMap(out, new java.util.TreeMap<>(sample.labels()), spec, depth + 1);
      out.append(' ');
      appendValue(out, sample.value(), spec, depth + 1);
      out.append('}');
      return;
    }
    if (v instanceof TemplateData data) {
      out.append('{');
      appendMap(out, data.labels(), spec, depth + 1);
      out.append(' ');
      appendMap(out, data.externalLabels(), spec, depth + 1);
      out.append(' ');
      appendValue(out, data.externalUrl(), spec, depth + 1);
      out.append(' ');
      appendValue(out, data.value(), spec, depth + 1);
      out.append('}');
      return;
    }
    if (v instanceof java.time.Instant t) {
      formatString(out, PrometheusFunctions.goTimeString(t), spec); // time.Time is a fmt.Stringer
      return;
    }
    pad(out, v.toString(), spec);
  }

  private static void appendMap(StringBuilder out, Map<String, ?> map, Spec spec, int depth) {
    out.append("map[");
    boolean first = true;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (!first) {
        out.append(' ');
      }
      first = false;
      appendValue(out, e.getKey(), spec, depth + 1);
      out.append(':');
      appendValue(out, e.getValue(), spec, depth + 1);
    }
    out.append(']');
  }

  private static void badVerb(StringBuilder out, Object v, Spec spec) {
    out.append("%!").appendCodePoint(spec.verb).append('(');
    if (v == null) {
      out.append("<nil>");
    } else {
      out.append(GoValues.typeName(v)).append('=').append(formatV(v, 0));
    }
    out.append(')');
  }

  private static void pad(StringBuilder out, String s, Spec spec) {
    int len = s.codePointCount(0, s.length());
    if (!spec.widthPresent || spec.width <= len) {
      out.append(s);
      return;
    }
    int n = spec.width - len;
    if (spec.minus) {
      out.append(s);
      out.append(" ".repeat(n));
    } else {
      out.append((spec.zero ? "0" : " ").repeat(n));
      out.append(s);
    }
  }

  private static void formatString(StringBuilder out, String s, Spec spec) {
    switch (spec.verb) {
      case 'v', 's' -> {
        String t = s;
        if (spec.precPresent && s.codePointCount(0, s.length()) > spec.prec) {
          t = s.substring(0, s.offsetByCodePoints(0, spec.prec));
        }
        pad(out, t, spec);
      }
      case 'q' -> {
        String t = s;
        if (spec.precPresent && s.codePointCount(0, s.length()) > spec.prec) {
          t = s.substring(0, s.offsetByCodePoints(0, spec.prec));
        }
        pad(out, PromStrings.quote(t), spec);
      }
      case 'x', 'X' -> {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder();
        String digits = spec.verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        for (int k = 0; k < bytes.length; k++) {
          if (spec.space && k > 0) {
            hex.append(' ');
          }
          hex.append(digits.charAt((bytes[k] >> 4) & 0xF)).append(digits.charAt(bytes[k] & 0xF));
        }
        pad(out, hex.toString(), spec);
      }
      default -> badVerb(out, s, spec);
    }
  }

  private static void formatInteger(StringBuilder out, long v, Spec spec) {
    int base;
    switch (spec.verb) {
      case 'v', 'd' -> base = 10;
      case 'b' -> base = 2;
      case 'o', 'O' -> base = 8;
      case 'x', 'X' -> base = 16;
      case 'c' -> {
        pad(out, new String(Character.toChars((int) v)), spec);
        return;
      }
      case 'q' -> {
        String c = new String(Character.toChars((int) v));
        String q = c.equals("'") ? "\\'" : PromStrings.quote(c);
        if (!c.equals("'")) {
          q = q.substring(1, q.length() - 1).replace("\\\"", "\"");
        }
        pad(out, "'" + q + "'", spec);
        return;
      }
      case 'U' -> {
        String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        pad(out, "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex, spec);
        return;
      }
      default -> {
        badVerb(out, v, spec);
        return;
      }
    }
    boolean negative = v < 0;
    String digits = new java.math.BigInteger(Long.toString(v)).abs().toString(base);
    if (spec.verb == 'X') {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    int prec = 0;
    boolean zeroPad = false;
    if (spec.precPresent) {
      prec = spec.prec;
      if (prec == 0 && v == 0) {
        boolean oldZero = spec.zero;
        spec.zero = false;
        pad(out, "", spec);
        spec.zero = oldZero;
        return;
      }
    } else if (spec.zero && spec.widthPresent) {
      prec = spec.width;
      if (negative || spec.plus || spec.space) {
        prec--;
      }
      zeroPad = true;
    }
    StringBuilder num = new StringBuilder();
    if (digits.length() < prec) {
      num.append("0".repeat(prec - digits.length()));
    }
    num.append(digits);
    if (spec.sharp) {
      switch (spec.verb) {
        case 'b' -> num.insert(0, "0b");
        case 'o' -> {
          if (num.charAt(0) != '0') {
            num.insert(0, '0');
          }
        }
        case 'x' -> num.insert(0, "0x");
        case 'X' -> num.insert(0, "0X");
        default -> { }
      }
    }
    if (spec.verb == 'O') {
      num.insert(0, "0o");
    }
    if (negative) {
      num.insert(0, '-');
    } else if (spec.plus) {
      num.insert(0, '+');
    } else if (spec.space) {
      num.insert(0, ' ');
    }
    boolean oldZero = spec.zero;
    spec.zero = false;
    pad(out, num.toString(), spec);
    spec.zero = oldZero;
    if (zeroPad) {
      return;
    }
  }

  private static void formatFloat(StringBuilder out, double v, Spec spec) {
    String num;
    switch (spec.verb) {
      case 'v', 'g', 'G' -> num = formatFloatG(v, spec.precPresent ? spec.prec : -1, spec.verb == 'G');
      case 'e', 'E' -> num = formatFloatE(v, spec.precPresent ? spec.prec : 6, spec.verb == 'E');
      case 'f', 'F' -> num = formatFloatF(v, spec.precPresent ? spec.prec : 6);
      default -> {
        badVerb(out, v, spec);
        return;
      }
    }
    // num carries an explicit sign (+ or -), like strconv's output after fmt adds '+'.
    if (num.charAt(0) != '-' && num.charAt(0) != '+') {
      num = "+" + num;
    }
    if (spec.space && num.charAt(0) == '+' && !spec.plus) {
      num = " " + num.substring(1);
    }
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      // no zero padding; NaN loses its sign unless asked for, Inf keeps it
      if (Double.isNaN(v) && !spec.space && !spec.plus) {
        num = num.substring(1);
      }
      boolean oldZero = spec.zero;
      spec.zero = false;
      pad(out, num, spec);
      spec.zero = oldZero;
      return;
    }
    if (spec.plus || num.charAt(0) != '+') {
      if (spec.zero && spec.widthPresent && spec.width > num.length()) {
        out.append(num.charAt(0));
        out.append("0".repeat(spec.width - num.length()));
        out.append(num, 1, num.length());
        return;
      }
      pad(out, num, spec);
      return;
    }
    pad(out, num.substring(1), spec);
  }

  /** Decimal digits (no trailing zeros) and decimal point position: value = 0.digits × 10^dp. */
  private record Decimal(String digits, int dp) {
    static Decimal of(BigDecimal bd) {
      if (bd.signum() == 0) {
        return new Decimal("", 0);
      }
      BigDecimal s = bd.abs().stripTrailingZeros();
      String d = s.unscaledValue().toString();
      return new Decimal(d, d.length() - s.scale());
    }
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  private static boolean negative(double v) {
    return v < 0 || (v == 0 && 1 / v < 0);
  }

  /** strconv.FormatFloat(v, 'g', prec, 64), prec -1 meaning shortest. */
  static String formatFloatG(double v, int prec, boolean upper) {
    String sp = special(v);
    if (sp != null) {
      return sp;
    }
    Decimal d;
    boolean shortest = prec < 0;
    if (shortest) {
      d = v == 0 ? new Decimal("", 0) : Decimal.of(new BigDecimal(GoFloat.formatG(Math.abs(v))));
      prec = d.digits().length();
    } else {
      if (prec == 0) {
        prec = 1;
      }
      d = v == 0 ? new Decimal("", 0)
          : Decimal.of(new BigDecimal(v).round(new MathContext(prec, RoundingMode.HALF_EVEN)));
    }
    int nd = d.digits().length();
    int eprec = prec;
    if (eprec > nd && nd >= d.dp()) {
      eprec = nd;
    }
    if (shortest) {
      eprec = 6;
    }
    int exp = d.dp() - 1;
    boolean neg = negative(v);
    if (exp < -4 || exp >= eprec) {
      if (prec > nd) {
        prec = nd;
      }
      return fmtE(neg, d, prec - 1, upper);
    }
    if (prec > d.dp()) {
      prec = nd;
    }
    return fmtF(neg, d, Math.max(prec - d.dp(), 0));
  }

  /** strconv.FormatFloat(v, 'e', prec, 64). */
  static String formatFloatE(double v, int prec, boolean upper) {
    String sp = special(v);
    if (sp != null) {
      return sp;
    }
    Decimal d = v == 0 ? new Decimal("", 0)
        : Decimal.of(new BigDecimal(v).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
    return fmtE(negative(v), d, prec, upper);
  }

  /** strconv.FormatFloat(v, 'f', prec, 64). */
  static String formatFloatF(double v, int prec) {
    String sp = special(v);
    if (sp != null) {
      return sp;
    }
    Decimal d = v == 0 ? new Decimal("", 0)
        : Decimal.of(new BigDecimal(v).setScale(prec, RoundingMode.HALF_EVEN));
    return fmtF(negative(v), d, prec);
  }

  private static String fmtE(boolean neg, Decimal d, int prec, boolean upper) {
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    String digits = d.digits();
    int nd = digits.length();
    sb.append(nd == 0 ? '0' : digits.charAt(0));
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(nd, prec + 1);
      if (i < m) {
        sb.append(digits, i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        sb.append('0');
      }
    }
    sb.append(upper ? 'E' : 'e');
    int exp = d.dp() - 1;
    if (nd == 0) {
      exp = 0;
    }
    sb.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
    return sb.toString();
  }

  private static String fmtF(boolean neg, Decimal d, int prec) {
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    String digits = d.digits();
    int nd = digits.length();
    if (d.dp() > 0) {
      int m = Math.min(nd, d.dp());
      sb.append(digits, 0, m);
      for (; m < d.dp(); m++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = d.dp() + i - 1;
        sb.append(0 <= j && j < nd ? digits.charAt(j) : '0');
      }
    }
    return sb.toString();
  }
}
