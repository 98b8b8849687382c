package io.thanosjvm.relabel;

import io.thanosjvm.model.GoRegexp;
import io.thanosjvm.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

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
        return rule.regex().matchesWhole(value) ? labels : null;
      }
      case DROP -> {
        return rule.regex().matchesWhole(value) ? null : labels;
      }
      case REPLACE -> {
        GoRegexp.Match m = rule.regex().matchWhole(value);
        if (m == null) {
          return labels;
        }
        String target = m.expand(rule.targetLabel());
        if (!io.thanosjvm.model.Label.isValidName(target)) {
          return labels;
        }
        String v = m.expand(rule.replacement());
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
          GoRegexp.Match m = rule.regex().matchWhole(labels.name(i));
          if (m != null) {
            b.set(m.expand(rule.replacement()), labels.value(i));
          }
        }
      }
      case LABELDROP -> {
        for (int i = 0; i < labels.size(); i++) {
          if (rule.regex().matchesWhole(labels.name(i))) {
            b.delete(labels.name(i));
          }
        }
      }
      case LABELKEEP -> {
        for (int i = 0; i < labels.size(); i++) {
          if (!rule.regex().matchesWhole(labels.name(i))) {
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
}
