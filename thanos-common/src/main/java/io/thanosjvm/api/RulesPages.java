package io.thanosjvm.api;

import io.thanosjvm.block.GoTime;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.rules.AlertView;
import io.thanosjvm.rules.AlertingRule;
import io.thanosjvm.rules.GroupState;
import io.thanosjvm.rules.RecordingRule;
import io.thanosjvm.rules.Rule;
import io.thanosjvm.rules.RuleStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The ruler's UI pages, rendered on the server from the running groups (no script): {@code /alerts} (each alerting
 * rule with its state, the number of active alerts, its definition and the pending/firing alerts with labels,
 * annotations, active-since and value) and {@code /rules} (each group with its file, interval and last evaluation,
 * each rule with its definition, health, last error and evaluation time), as Thanos' ruler UI shows them.
 */
public final class RulesPages {

  private final Supplier<List<GroupState>> groups;

  /** Pages over the groups {@code groups} gives at each request. */
  public RulesPages(Supplier<List<GroupState>> groups) {
    this.groups = groups;
  }

  /** {@code GET /alerts}. */
  public String alerts() {
    StringBuilder sb = head("Alerts");
    int[] counts = new int[3];
    StringBuilder body = new StringBuilder();
    for (GroupState g : groups.get()) {
      for (int i = 0; i < g.group().rules().size(); i++) {
        if (!(g.group().rules().get(i) instanceof AlertingRule a)) {
          continue;
        }
        List<AlertView> active = g.alerts().get(i).stream().filter(v -> !v.state().equals("inactive")).toList();
        String state = active.stream().anyMatch(v -> v.state().equals("firing")) ? "firing"
            : active.isEmpty() ? "inactive" : "pending";
        counts[state.equals("firing") ? 2 : state.equals("pending") ? 1 : 0]++;
        body.append("<details class=\"alert ").append(state).append("\"><summary><span class=\"state\">")
            .append(state).append("</span> ");
        escape(body, a.name()).append(" (").append(active.size()).append(" active) <span class=\"muted\">");
        escape(body, g.group().file()).append(" &gt; ");
        escape(body, g.group().name()).append("</span></summary><pre>");
        definition(body, a);
        body.append("</pre>");
        if (!active.isEmpty()) {
          body.append("<table><tr><th>Labels</th><th>State</th><th>Active since</th><th>Value</th>"
              + "<th>Annotations</th></tr>");
          for (AlertView v : active) {
            body.append("<tr><td>");
            labels(body, v.labels());
            body.append("</td><td class=\"state ").append(v.state()).append("\">").append(v.state())
                .append("</td><td>").append(time(v.activeAtMillis())).append("</td><td>")
                .append(GoFloat.formatE(v.value())).append("</td><td>");
            for (Map.Entry<String, String> e : new TreeMap<>(v.annotations()).entrySet()) {
              body.append("<div><b>");
              escape(body, e.getKey()).append("</b>: ");
              escape(body, e.getValue()).append("</div>");
            }
            body.append("</td></tr>");
          }
          body.append("</table>");
        }
        body.append("</details>");
      }
    }
    sb.append("<p>Inactive (").append(counts[0]).append(") · Pending (").append(counts[1]).append(") · Firing (")
        .append(counts[2]).append(")</p>").append(body);
    return tail(sb);
  }

  /** {@code GET /rules}. */
  public String rules() {
    StringBuilder sb = head("Rules");
    for (GroupState g : groups.get()) {
      sb.append("<h2>");
      escape(sb, g.group().name()).append("</h2><p class=\"muted\">");
      escape(sb, g.group().file()).append(" · interval ").append(g.intervalMillis() / 1000.0)
          .append("s · last evaluation ").append(time(g.lastEvaluationMillis())).append(" · took ")
          .append(RulesApi.goFloat(g.evaluationNanos() / 1e9)).append("s · partial response ")
          .append(g.group().partialResponseStrategy().name().toLowerCase(java.util.Locale.ROOT))
          .append("</p><table><tr><th>Rule</th><th>State</th><th>Error</th><th>Last evaluation</th>"
              + "<th>Evaluation time</th></tr>");
      for (int i = 0; i < g.group().rules().size(); i++) {
        Rule r = g.group().rules().get(i);
        RuleStatus s = g.rules().get(i);
        sb.append("<tr><td><pre>");
        if (r instanceof AlertingRule a) {
          definition(sb, a);
        } else {
          RecordingRule rr = (RecordingRule) r;
          sb.append("record: ");
          escape(sb, rr.name()).append("\nexpr: ");
          escape(sb, rr.parsed().toString());
          if (!rr.labels().isEmpty()) {
            sb.append("\nlabels:");
            for (Label l : rr.labels()) {
              sb.append("\n  ");
              escape(sb, l.name()).append(": ");
              escape(sb, l.value());
            }
          }
        }
        sb.append("</pre></td><td class=\"health ").append(s.health()).append("\">").append(s.health())
            .append("</td><td>");
        escape(sb, s.lastError()).append("</td><td>").append(time(s.lastEvaluationMillis())).append("</td><td>")
            .append(RulesApi.goFloat(s.evaluationNanos() / 1e9)).append("s</td></tr>");
      }
      sb.append("</table>");
    }
    return tail(sb);
  }

  private static void definition(StringBuilder sb, AlertingRule a) {
    sb.append("alert: ");
    escape(sb, a.name()).append("\nexpr: ");
    escape(sb, a.parsed().toString());
    if (a.forMillis() > 0) {
      sb.append("\nfor: ").append(io.thanosjvm.model.PromDuration.format(a.forMillis()));
    }
    if (a.keepFiringForMillis() > 0) {
      sb.append("\nkeep_firing_for: ").append(io.thanosjvm.model.PromDuration.format(a.keepFiringForMillis()));
    }
    section(sb, "labels", a.labels());
    section(sb, "annotations", a.annotations());
  }

  private static void section(StringBuilder sb, String name, Map<String, String> m) {
    if (m.isEmpty()) {
      return;
    }
    sb.append('\n').append(name).append(':');
    for (Map.Entry<String, String> e : m.entrySet()) {
      sb.append("\n  ");
      escape(sb, e.getKey()).append(": ");
      escape(sb, e.getValue());
    }
  }

  private static void labels(StringBuilder sb, Labels labels) {
    for (Label l : labels) {
      sb.append("<span class=\"label\">");
      escape(sb, l.name()).append("=\"");
      escape(sb, l.value()).append("\"</span> ");
    }
  }

  private static String time(long millis) {
    return millis == 0 ? "never" : GoTime.rfc3339Nano(Instant.ofEpochMilli(millis));
  }

  private static StringBuilder head(String title) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Thanos | ").append(title)
        .append("</title><style>body{font-family:sans-serif;margin:0}nav{background:#222;padding:.6em}"
            + "nav a{color:#ddd;margin-right:1em;text-decoration:none}nav a.active{color:#fff;font-weight:bold}"
            + "main{padding:1em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;"
            + "padding:.3em .5em;text-align:left;vertical-align:top}pre{margin:0}.muted{color:#777}"
            + ".firing .state,.state.firing,.health.err{color:#b00}.pending .state,.state.pending{color:#b80}"
            + ".inactive .state,.health.ok{color:#080}.label{background:#eee;border-radius:3px;padding:0 .3em}"
            + "details{margin:.4em 0}</style></head><body><nav><a href=\"/alerts\"")
        .append(title.equals("Alerts") ? " class=\"active\"" : "").append(">Alerts</a><a href=\"/rules\"")
        .append(title.equals("Rules") ? " class=\"active\"" : "").append(">Rules</a></nav><main><h1>")
        .append(title).append("</h1>");
    return sb;
  }

  private static String tail(StringBuilder sb) {
    return sb.append("</main></body></html>").toString();
  }

  /** Appends {@code s} with HTML's special characters escaped. */
  static StringBuilder escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb;
  }
}
