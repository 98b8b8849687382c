package io.thanosjvm.query.rules;

import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.LabelSet;
import io.thanosjvm.wire.rulespb.Rule;
import io.thanosjvm.wire.rulespb.RuleGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Thanos' merge of rule groups from several endpoints ({@code pkg/rules} {@code dedupGroups} + {@code dedupRules}):
 * groups with the same key ({@code file;name}) become one holding all their rules (the first group's other fields
 * kept); in each group rules are sorted (alerting before recording, then name, labels, query, {@code for}), the
 * replica labels removed from their labels, and of logically equal neighbours one is kept: for alerting rules the
 * one in the most critical state, then the latest evaluated; for recording rules the latest evaluated.
 */
public final class RuleGroupsDedup {

  private RuleGroupsDedup() {}

  /** The merged, deduplicated groups, sorted by key. */
  public static List<RuleGroup> dedup(Collection<RuleGroup> groups, Set<String> replicaLabels) {
    List<RuleGroup> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparing(RuleGroupsDedup::key, Utf8Order.COMPARATOR));
    List<RuleGroup.Builder> merged = new ArrayList<>();
    String lastKey = null;
    for (RuleGroup g : sorted) {
      if (key(g).equals(lastKey)) {
        merged.get(merged.size() - 1).addAllRules(g.getRulesList());
      } else {
        merged.add(g.toBuilder());
        lastKey = key(g);
      }
    }
    List<RuleGroup> out = new ArrayList<>(merged.size());
    for (RuleGroup.Builder b : merged) {
      List<Rule> rules = dedupRules(b.getRulesList(), replicaLabels);
      out.add(b.clearRules().addAllRules(rules).build());
    }
    return out;
  }

  /** Prometheus' group key, {@code <file>;<name>}. */
  public static String key(RuleGroup g) {
    return g.getFile() + ";" + g.getName();
  }

  static List<Rule> dedupRules(List<Rule> rules, Set<String> replicaLabels) {
    if (rules.isEmpty()) {
      return rules;
    }
    List<Rule> sorted = new ArrayList<>(rules.size());
    rules.forEach(r -> sorted.add(withLabels(r, sortedLabels(labels(r)))));
    sorted.sort(RuleGroupsDedup::compare);
    List<Rule> out = new ArrayList<>();
    out.add(withoutReplicaLabels(sorted.get(0), replicaLabels));
    for (int j = 1; j < sorted.size(); j++) {
      Rule next = withoutReplicaLabels(sorted.get(j), replicaLabels);
      Rule kept = out.get(out.size() - 1);
      if (compare(kept, next) != 0) {
        out.add(next);
      } else if (preferred(next, kept)) {
        out.set(out.size() - 1, next);
      }
    }
    return out;
  }

  /** Whether {@code candidate} replaces the equal {@code kept}: a more critical or more recently evaluated copy. */
  private static boolean preferred(Rule candidate, Rule kept) {
    if (kept.hasAlert() && candidate.hasAlert()) {
      int byState = candidate.getAlert().getStateValue() - kept.getAlert().getStateValue();
      if (byState != 0) {
        return byState > 0;
      }
      return seconds(candidate.getAlert().getLastEvaluation()) > seconds(kept.getAlert().getLastEvaluation());
    }
    if (kept.hasRecording() && candidate.hasRecording()) {
      return seconds(candidate.getRecording().getLastEvaluation())
          > seconds(kept.getRecording().getLastEvaluation());
    }
    return false;
  }

  private static double seconds(com.google.protobuf.Timestamp t) {
    return t.getSeconds() + t.getNanos() / 1e9;
  }

  /** Thanos' {@code Rule.Compare}: type (alerting first), name, labels, query, then {@code for} of alerts. */
  static int compare(Rule a, Rule b) {
    if (a.hasAlert() && b.hasRecording()) {
      return -1;
    }
    if (a.hasRecording() && b.hasAlert()) {
      return 1;
    }
    int c = Utf8Order.compare(name(a), name(b));
    if (c != 0) {
      return c;
    }
    c = compareLabels(labels(a), labels(b));
    if (c != 0) {
      return c;
    }
    c = Utf8Order.compare(query(a), query(b));
    if (c != 0) {
      return c;
    }
    if (a.hasAlert() && b.hasAlert()) {
      return Double.compare(a.getAlert().getDurationSeconds(), b.getAlert().getDurationSeconds());
    }
    return 0;
  }

  private static int compareLabels(List<Label> a, List<Label> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Utf8Order.compare(a.get(i).getName(), b.get(i).getName());
      if (c != 0) {
        return c;
      }
      c = Utf8Order.compare(a.get(i).getValue(), b.get(i).getValue());
      if (c != 0) {
        return c;
      }
    }
    return a.size() - b.size();
  }

  private static String name(Rule r) {
    return r.hasAlert() ? r.getAlert().getName() : r.getRecording().getName();
  }

  private static String query(Rule r) {
    return r.hasAlert() ? r.getAlert().getQuery() : r.getRecording().getQuery();
  }

  private static List<Label> labels(Rule r) {
    return r.hasAlert() ? r.getAlert().getLabels().getLabelsList() : r.getRecording().getLabels().getLabelsList();
  }

  private static List<Label> sortedLabels(List<Label> labels) {
    List<Label> out = new ArrayList<>(labels);
    out.sort(Comparator.comparing(Label::getName, Utf8Order.COMPARATOR));
    return out;
  }

  private static Rule withoutReplicaLabels(Rule r, Set<String> replicaLabels) {
    if (replicaLabels.isEmpty()) {
      return r;
    }
    return withLabels(r, labels(r).stream().filter(l -> !replicaLabels.contains(l.getName())).toList());
  }

  private static Rule withLabels(Rule r, List<Label> labels) {
    LabelSet set = LabelSet.newBuilder().addAllLabels(labels).build();
    if (r.hasAlert()) {
      return r.toBuilder().setAlert(r.getAlert().toBuilder().setLabels(set)).build();
    }
    return r.toBuilder().setRecording(r.getRecording().toBuilder().setLabels(set)).build();
  }
}
