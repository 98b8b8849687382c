package io.thanosjvm.receive;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.wire.labelpb.Label;
import java.util.List;

/**
 * The labels of a written series, checked before anything is stored: at least one label, no empty name or value
 * (Thanos' {@code labelpb.ValidateLabels}), names strictly ascending in byte order (so neither out of order nor
 * duplicated), and every name a valid Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}, Prometheus 2.42's
 * rule; {@code __name__}'s value a valid metric name, {@code :} allowed). Refusals are {@link
 * WriteErrorCause#VALIDATION} with Thanos' wording and the offending series.
 */
public final class SeriesLabels {

  /** Thanos' text for a series without labels or with an empty name or value. */
  public static final String EMPTY_LABELS = "label set contains a label with empty name or value";
  /** Thanos' text for labels not sorted by name. */
  public static final String OUT_OF_ORDER_LABELS = "out of order labels";
  /** Thanos' text for a label name given twice. */
  public static final String DUPLICATE_LABELS = "label set contains duplicate label names";

  private SeriesLabels() {}

  /** The model labels of a series, validated. */
  public static Labels of(List<Label> labels) {
    int n = labels.size();
    if (n == 0) {
      throw new WriteException(WriteErrorCause.VALIDATION, EMPTY_LABELS + ": {}");
    }
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      Label l = labels.get(i);
      names[i] = l.getName();
      values[i] = l.getValue();
      if (names[i].isEmpty() || values[i].isEmpty()) {
        throw invalid(EMPTY_LABELS, labels);
      }
      if (i > 0) {
        int c = Utf8Order.compare(names[i - 1], names[i]);
        if (c > 0) {
          throw invalid(OUT_OF_ORDER_LABELS, labels);
        }
        if (c == 0) {
          throw invalid(DUPLICATE_LABELS, labels);
        }
      }
      if (!validName(names[i], false)) {
        throw invalid("invalid label name \"" + names[i] + "\"", labels);
      }
      if (names[i].equals("__name__") && !validName(values[i], true)) {
        throw invalid("invalid metric name \"" + values[i] + "\"", labels);
      }
    }
    return Labels.fromSortedArrays(names, values);
  }

  private static boolean validName(String s, boolean colon) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':'
          || i > 0 && c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static WriteException invalid(String what, List<Label> labels) {
    StringBuilder b = new StringBuilder(what).append(": {");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(labels.get(i).getName()).append("=\"").append(labels.get(i).getValue()).append('"');
    }
    return new WriteException(WriteErrorCause.VALIDATION, b.append('}').toString());
  }
}
