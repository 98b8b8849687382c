package io.thanosjvm.relabel;

import io.thanosjvm.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;

/** Applies relabel rules to a label set, as Prometheus' {@code relabel.Process}. */
public final class Relabeler {

  private Relabeler() {}

  /** The relabelled set, or null when a rule dropped it (or nothing is left). */
  public static Labels process(Labels labels, List<RelabelConfig> rules) {
    Labels current = labels;
    for (RelabelConfig rule : rules) {
      current = apply(current, rule);
      if (current == null) {
        return null;
      }
    }
    return current.isEmpty() ? null : current;
  }

  private static Labels apply(Labels labels, RelabelConfig rule) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < rule.sourceLabels().size(); i++) {
      if (i > 0) {
        joined.append(rule.separator());
      }
      joined.append(labels.get(rule.sourceLabels().get(i)));
    }
    String value = joined.toString();
    Labels.Builder b = labels.toBuilder();
    switch (rule.action()) {
      case KEEP -> {
        return rule.regex().matcher(value).matches() ? labels : null;
      }
      case DROP -> {
        return rule.regex().matcher(value).matches() ? null : labels;
      }
      case REPLACE -> {
        Matcher m = rule.regex().matcher(value);
        if (!m.matches()) {
          return labels;
        }
        String target = expand(m, rule.targetLabel());
        if (!io.thanosjvm.model.Label.isValidName(target)) {
          return labels;
        }
        String v = expand(m, rule.replacement());
        if (v.isEmpty()) {
          b.delete(target);
        } else {
          b.set(target, v);
        }
      }
      case HASHMOD -> b.set(rule.targetLabel(), Long.toUnsignedString(
          Long.remainderUnsigned(md5Low64(value), rule.modulus())));
      case LABELMAP -> {
        for (int i = 0; i < labels.size(); i++) {
          Matcher m = rule.regex().matcher(labels.name(i));
          if (m.matches()) {
            b.set(expand(m, rule.replacement()), labels.value(i));
          }
        }
      }
      case LABELDROP -> {
        for (int i = 0; i < labels.size(); i++) {
          if (rule.regex().matcher(labels.name(i)).matches()) {
            b.delete(labels.name(i));
          }
        }
      }
      case LABELKEEP -> {
        for (int i = 0; i < labels.size(); i++) {
          if (!rule.regex().matcher(labels.name(i)).matches()) {
            b.delete(labels.name(i));
          }
        }
      }
      default -> throw new IllegalStateException("unhandled action " + rule.action());
    }
    return b.build();
  }

  /** Prometheus' hashmod hash: the last 8 bytes of md5(value), big-endian. */
  static long md5Low64(String value) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long s = 0;
    for (int i = 8; i < 16; i++) {
      s = (s << 8) | (h[i] & 0xff);
    }
    return s;
  }

  /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}; {@code $$} is a dollar. */
  static String expand(Matcher m, String template) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        out.append(c);
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        out.append('$');
        i++;
        continue;
      }
      String name;
      int end;
      if (n == '{') {
        end = template.indexOf('}', i + 2);
        if (end < 0) {
          out.append(c);
          continue;
        }
        name = template.substring(i + 2, end);
      } else {
        end = i + 1;
        while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end))
            || template.charAt(end) == '_')) {
          end++;
        }
        name = template.substring(i + 1, end);
        end--;
      }
      if (name.isEmpty()) {
        out.append(c);
        continue;
      }
      out.append(group(m, name));
      i = end;
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    try {
      String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
      return g == null ? "" : g;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return "";
    }
  }
}
