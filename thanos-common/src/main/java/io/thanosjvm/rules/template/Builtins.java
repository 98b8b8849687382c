package io.thanosjvm.rules.template;

import io.thanosjvm.rules.template.GoFunction.CallError;
import io.thanosjvm.rules.template.GoFunction.Type;
import io.thanosjvm.rules.template.GoValues.ArgsMap;
import io.thanosjvm.rules.template.GoValues.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Go's {@code text/template} builtin functions ({@code funcs.go}) with Go's results and error texts. */
final class Builtins {

  private Builtins() {}

  private static final String BAD_COMPARISON_TYPE = "invalid type for comparison";
  private static final String BAD_COMPARISON = "incompatible types for comparison";

  /** The builtins by name. */
  static Map<String, GoFunction> all() {
    Map<String, GoFunction> m = new LinkedHashMap<>();
    add(m, "and", List.of(Type.VALUE, Type.VALUE), true, a -> null); // evaluated lazily by the executor
    add(m, "or", List.of(Type.VALUE, Type.VALUE), true, a -> null);
    add(m, "not", List.of(Type.VALUE), false, a -> !GoValues.isTrue(a.get(0)));
    add(m, "len", List.of(Type.VALUE), false, a -> length(a.get(0)));
    add(m, "index", List.of(Type.VALUE, Type.VALUE), true, Builtins::index);
    add(m, "slice", List.of(Type.VALUE, Type.VALUE), true, Builtins::slice);
    add(m, "call", List.of(Type.VALUE, Type.VALUE), true, a -> {
      // templates here never hold function values
      throw new CallError(a.get(0) == null ? "call of nil" : "non-function of type " + GoValues.typeName(a.get(0)));
    });
    add(m, "print", List.of(Type.ANY), true, GoFmt::sprint);
    add(m, "println", List.of(Type.ANY), true, GoFmt::sprintln);
    add(m, "printf", List.of(Type.STRING, Type.ANY), true,
        a -> GoFmt.sprintf((String) a.get(0), a.subList(1, a.size())));
    add(m, "html", List.of(Type.ANY), true, a -> htmlEscape(evalArgs(a)));
    add(m, "js", List.of(Type.ANY), true, a -> jsEscape(evalArgs(a)));
    add(m, "urlquery", List.of(Type.ANY), true, a -> queryEscape(evalArgs(a)));
    add(m, "eq", List.of(Type.VALUE, Type.VALUE), true, a -> eq(a.get(0), a.subList(1, a.size())));
    add(m, "ne", List.of(Type.VALUE, Type.VALUE), false, a -> !eq(a.get(0), a.subList(1, 2)));
    add(m, "lt", List.of(Type.VALUE, Type.VALUE), false, a -> lt(a.get(0), a.get(1)));
    add(m, "le", List.of(Type.VALUE, Type.VALUE), false, a -> lt(a.get(0), a.get(1)) || eq(a.get(0),
        a.subList(1, 2)));
    add(m, "gt", List.of(Type.VALUE, Type.VALUE), false, a -> !(lt(a.get(0), a.get(1)) || eq(a.get(0),
        a.subList(1, 2))));
    add(m, "ge", List.of(Type.VALUE, Type.VALUE), false, a -> !lt(a.get(0), a.get(1)));
    return m;
  }

  private static void add(Map<String, GoFunction> m, String name, List<Type> params, boolean variadic,
      GoFunction.Body body) {
    m.put(name, new GoFunction(name, params, variadic, body));
  }

  private static Object length(Object v) {
    if (v == null) {
      throw new CallError("reflect: call of reflect.Value.Type on zero Value");
    }
    if (v instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof GoValues.SafeHtml h) {
      return (long) h.text().getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof ArgsMap m) {
      return (long) m.map().size();
    }
    if (v instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    if (v instanceof QueryResult q) {
      return (long) q.samples().size();
    }
    if (v instanceof List<?> l) {
      return (long) l.size();
    }
    throw new CallError("len of type " + GoValues.typeName(v));
  }

  private static Object index(List<Object> a) {
    Object item = a.get(0);
    if (item == null) {
      throw new CallError("index of untyped nil");
    }
    for (Object idx : a.subList(1, a.size())) {
      if (item instanceof Map<?, ?> || item instanceof ArgsMap) {
        if (idx == null) {
          throw new CallError("value is nil; should be of type string");
        }
        if (!(idx instanceof String)) {
          throw new CallError("value has type " + GoValues.typeName(idx) + "; should be string");
        }
        if (item instanceof ArgsMap m) {
          item = m.map().get(idx);
        } else {
          Object v = ((Map<?, ?>) item).get(idx);
          item = v == null ? "" : v;
        }
      } else if (item instanceof String || item instanceof QueryResult || item instanceof List<?>) {
        if (idx == null) {
          throw new CallError("cannot index slice/array with nil");
        }
        if (!(idx instanceof Long x)) {
          throw new CallError("cannot index slice/array with type " + GoValues.typeName(idx));
        }
        int len;
        if (item instanceof String s) {
          len = s.getBytes(StandardCharsets.UTF_8).length;
        } else if (item instanceof QueryResult q) {
          len = q.samples().size();
        } else {
          len = ((List<?>) item).size();
        }
        if (x < 0 || x > len) {
          throw new CallError("index out of range: " + x);
        }
        if (x == len) {
          throw new CallError("reflect: slice index out of range");
        }
        if (item instanceof String s) {
          item = (long) (s.getBytes(StandardCharsets.UTF_8)[(int) (long) x] & 0xFF);
        } else if (item instanceof QueryResult q) {
          item = q.samples().get((int) (long) x);
        } else {
          item = ((List<?>) item).get((int) (long) x);
        }
      } else if (item == null) {
        throw new CallError("index of untyped nil");
      } else {
        throw new CallError("can't index item of type " + GoValues.typeName(item));
      }
    }
    return item;
  }

  private static Object slice(List<Object> a) {
    Object item = a.get(0);
    List<Object> indexes = a.subList(1, a.size());
    if (item == null) {
      throw new CallError("slice of untyped nil");
    }
    if (indexes.size() > 3) {
      throw new CallError("too many slice indexes: " + indexes.size());
    }
    byte[] bytes = null;
    int len;
    if (item instanceof String s) {
      if (indexes.size() == 3) {
        throw new CallError("cannot 3-index slice a string");
      }
      bytes = s.getBytes(StandardCharsets.UTF_8);
      len = bytes.length;
    } else if (item instanceof QueryResult q) {
      len = q.samples().size();
    } else {
      throw new CallError("can't slice item of type " + GoValues.typeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 0; i < indexes.size(); i++) {
      Object index = indexes.get(i);
      if (index == null) {
        throw new CallError("cannot index slice/array with nil");
      }
      if (!(index instanceof Long x)) {
        throw new CallError("cannot index slice/array with type " + GoValues.typeName(index));
      }
      if (x < 0 || x > len) {
        throw new CallError("index out of range: " + x);
      }
      idx[i] = (int) (long) x;
    }
    if (idx[0] > idx[1]) {
      throw new CallError("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (indexes.size() == 3 && idx[1] > idx[2]) {
      throw new CallError("invalid slice index: " + idx[1] + " > " + idx[2]);
    }
    if (bytes != null) {
      return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
    }
    return new QueryResult(new java.util.ArrayList<>(((QueryResult) item).samples().subList(idx[0], idx[1])));
  }

  /** Go's {@code evalArgs}: a lone string as is, otherwise {@code fmt.Sprint}. */
  static String evalArgs(List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String s) {
      return s;
    }
    return GoFmt.sprint(args);
  }

  /** Go's {@code template.HTMLEscapeString}. */
  static String htmlEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\0' -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Go's {@code template.JSEscapeString}. */
  static String jsEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '"' -> sb.append("\\\"");
        case '<' -> sb.append("\\u003C");
        case '>' -> sb.append("\\u003E");
        case '&' -> sb.append("\\u0026");
        case '=' -> sb.append("\\u003D");
        default -> {
          if (c < ' ' || (c >= 0x7F && !isPrint(c))) {
            sb.append(String.format("\\u%04X", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static boolean isPrint(int c) {
    int t = Character.getType(c);
    return t != Character.CONTROL && t != Character.FORMAT && t != Character.UNASSIGNED
        && t != Character.SURROGATE && t != Character.PRIVATE_USE && t != Character.LINE_SEPARATOR
        && t != Character.PARAGRAPH_SEPARATOR && (t != Character.SPACE_SEPARATOR || c == ' ');
  }

  /** Go's {@code url.QueryEscape}. */
  static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
      }
    }
    return sb.toString();
  }

  private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

  private static Kind kind(Object v) {
    if (v == null) {
      return Kind.INVALID;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    if (GoValues.stringKind(v) != null) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  private static boolean eq(Object a1, List<Object> rest) {
    if (rest.isEmpty()) {
      throw new CallError("missing argument for comparison");
    }
    Kind k1 = kind(a1);
    for (Object a : rest) {
      Kind k2 = kind(a);
      boolean truth;
      if (k1 != k2) {
        if (a1 != null && a != null) {
          throw new CallError(BAD_COMPARISON);
        }
        truth = false;
      } else {
        truth = switch (k1) {
          case BOOL, INT -> a1.equals(a);
          case FLOAT -> (double) (Double) a1 == (double) (Double) a;
          case STRING -> GoValues.stringKind(a1).equals(GoValues.stringKind(a));
          case INVALID -> true;
          case OTHER -> {
            if (a1 instanceof Map<?, ?> || a1 instanceof ArgsMap || a1 instanceof QueryResult) {
              throw new CallError("non-comparable type " + GoFmt.formatV(a1, 0) + ": "
                  + GoValues.typeName(a1));
            }
            yield a1 == a;
          }
        };
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  private static boolean lt(Object a1, Object a2) {
    Kind k1 = kind(a1);
    Kind k2 = kind(a2);
    if (k1 == Kind.INVALID || k1 == Kind.OTHER || k2 == Kind.INVALID || k2 == Kind.OTHER) {
      throw new CallError(BAD_COMPARISON_TYPE);
    }
    if (k1 != k2) {
      throw new CallError(BAD_COMPARISON);
    }
    return switch (k1) {
      case BOOL -> throw new CallError(BAD_COMPARISON_TYPE);
      case INT -> (Long) a1 < (Long) a2;
      case FLOAT -> (Double) a1 < (Double) a2;
      case STRING -> compareBytes(GoValues.stringKind(a1), GoValues.stringKind(a2)) < 0;
      default -> throw new CallError(BAD_COMPARISON_TYPE);
    };
  }

  /** Go compares strings byte-wise (UTF-8), which is code-point order. */
  static int compareBytes(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
