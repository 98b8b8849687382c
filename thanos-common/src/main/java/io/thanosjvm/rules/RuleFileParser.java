package io.thanosjvm.rules;

import io.thanosjvm.yaml.InvalidYamlException;
import io.thanosjvm.yaml.YamlDocuments;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.rules.template.TemplateException;
import io.thanosjvm.rules.template.TemplateExpander;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule file in Prometheus' format ({@code groups: [{name, interval, query_offset, limit, labels, rules:
 * [{record | alert, expr, for, keep_firing_for, labels, annotations}]}]}) plus Thanos' group key
 * {@code partial_response_strategy} ({@code warn} or {@code abort}, any case; absent means abort). Group
 * {@code labels} (Prometheus 3; promtool 2.42 rejects the key) are added to every rule's labels, the rule's own
 * labels winning. Checks what promtool checks — unknown keys, empty or repeated group
 * names, record xor alert, a parsable expression, metric and label names, no {@code for}/{@code annotations} on
 * recording rules, alert templates that do not parse — and reports every problem with promtool's wording ({@code group "g", rule 2, "name": ...}).
 */
public final class RuleFileParser {

  private static final Set<String> ROOT_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules",
      "partial_response_strategy", "query_offset", "labels");
  private static final Set<String> RULE_KEYS = Set.of("record", "alert", "expr", "for", "keep_firing_for",
      "labels", "annotations");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private RuleFileParser() {}

  /**
   * Parses and validates a rule file's content.
   *
   * @param file the file's name, used in messages and kept on the groups
   * @throws RuleFileException listing every problem
   */
  public static List<RuleGroup> parse(String file, String yaml) {
    List<String> problems = new ArrayList<>();
    Object root;
    try {
      root = YamlDocuments.first(yaml, true);
    } catch (InvalidYamlException e) {
      throw new RuleFileException(file, List.of("yaml: " + e.getMessage().replace('\n', ' ')));
    }
    List<RuleGroup> groups = new ArrayList<>();
    if (root == null) {
      return groups;
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new RuleFileException(file, List.of("yaml: the file must be a mapping with a 'groups' list"));
    }
    unknownKeys(top, ROOT_KEYS, "rulefmt.RuleGroups", problems);
    Object list = top.get("groups");
    if (list != null && !(list instanceof List<?>)) {
      problems.add("yaml: 'groups' must be a list");
      list = null;
    }
    Set<String> seen = new HashSet<>();
    if (list != null) {
      for (Object g : (List<?>) list) {
        RuleGroup group = group(file, g, seen, problems);
        if (group != null) {
          groups.add(group);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(file, problems);
    }
    return groups;
  }

  private static RuleGroup group(String file, Object node, Set<String> seen, List<String> problems) {
    if (!(node instanceof Map<?, ?> g)) {
      problems.add("yaml: a rule group must be a mapping");
      return null;
    }
    int before = problems.size();
    unknownKeys(g, GROUP_KEYS, "rulefmt.RuleGroup", problems);
    String name = string(g.get("name"));
    if (name.isEmpty()) {
      problems.add("Groupname must not be empty");
    } else if (!seen.add(name)) {
      problems.add("groupname: \"" + name + "\" is repeated in the same file");
    }
    long interval = duration(g.get("interval"), "interval", problems);
    long queryOffset = g.get("query_offset") == null ? -1 : duration(g.get("query_offset"), "query_offset", problems);
    int limit = 0;
    if (g.get("limit") != null) {
      try {
        limit = Integer.parseInt(string(g.get("limit")));
      } catch (NumberFormatException e) {
        problems.add("limit: cannot parse \"" + g.get("limit") + "\" as an integer");
      }
    }
    PartialResponseStrategy strategy = strategy(string(g.get("partial_response_strategy")), problems);
    List<String> groupProblems = new ArrayList<>();
    Map<String, String> groupLabels = stringMap(g.get("labels"), "labels", groupProblems);
    for (String k : groupLabels.keySet()) {
      if (!Label.isValidName(k) || k.equals(Label.METRIC_NAME)) {
        groupProblems.add("invalid label name: " + k);
      }
    }
    groupProblems.forEach(p -> problems.add("group \"" + name + "\": " + p));
    List<Rule> rules = new ArrayList<>();
    Object list = g.get("rules");
    if (list instanceof List<?> l) {
      int index = 0;
      for (Object r : l) {
        index++;
        Rule rule = rule(name, index, r, groupLabels, problems);
        if (rule != null) {
          rules.add(rule);
        }
      }
    } else if (list != null) {
      problems.add("group \"" + name + "\": 'rules' must be a list");
    }
    if (problems.size() > before) {
      return null;
    }
    return new RuleGroup(file, name, interval, limit, strategy, rules, queryOffset);
  }

  private static PartialResponseStrategy strategy(String value, List<String> problems) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "abort" -> PartialResponseStrategy.ABORT;
      case "warn" -> PartialResponseStrategy.WARN;
      default -> {
        problems.add("failed to unmarshal 'partial_response_strategy': \"" + value
            + "\"; possible values are warn and abort");
        yield PartialResponseStrategy.ABORT;
      }
    };
  }

  /**
   * One rule; {@code groupLabels} (the group's {@code labels}, Prometheus 3) are added to its labels, its own labels
   * winning.
   */
  private static Rule rule(String group, int index, Object node, Map<String, String> groupLabels,
      List<String> problems) {
    if (!(node instanceof Map<?, ?> r)) {
      problems.add("group \"" + group + "\", rule " + index + ": a rule must be a mapping");
      return null;
    }
    String record = string(r.get("record"));
    String alert = string(r.get("alert"));
    String ruleName = alert.isEmpty() ? record : alert;
    String prefix = "group \"" + group + "\", rule " + index + ", \"" + ruleName + "\": ";
    List<String> own = new ArrayList<>();
    unknownKeys(r, RULE_KEYS, "rulefmt.RuleNode", own);
    if (!record.isEmpty() && !alert.isEmpty()) {
      own.add("only one of 'record' and 'alert' must be set");
    }
    if (record.isEmpty() && alert.isEmpty()) {
      own.add("one of 'record' or 'alert' must be set");
    }
    String expr = string(r.get("expr"));
    Expr parsed = null;
    if (expr.isEmpty()) {
      own.add("field 'expr' must be set in rule");
    } else {
      try {
        parsed = PromqlParser.parse(expr);
      } catch (PromqlParseException e) {
        own.add("could not parse expression: " + e.getMessage());
      }
    }
    Map<String, String> labels = new java.util.LinkedHashMap<>(groupLabels);
    labels.putAll(stringMap(r.get("labels"), "labels", own));
    Map<String, String> annotations = stringMap(r.get("annotations"), "annotations", own);
    long forMillis = duration(r.get("for"), "for", own);
    long keepFiringForMillis = duration(r.get("keep_firing_for"), "keep_firing_for", own);
    if (!record.isEmpty()) {
      if (!annotations.isEmpty()) {
        own.add("invalid field 'annotations' in recording rule");
      }
      if (forMillis != 0) {
        own.add("invalid field 'for' in recording rule");
      }
      if (keepFiringForMillis != 0) {
        own.add("invalid field 'keep_firing_for' in recording rule");
      }
      if (!METRIC_NAME.matcher(record).matches()) {
        own.add("invalid recording rule name: " + record);
      }
    }
    for (String k : labels.keySet()) {
      if (!Label.isValidName(k) || k.equals(Label.METRIC_NAME)) {
        own.add("invalid label name: " + k);
      }
    }
    for (String k : annotations.keySet()) {
      if (!Label.isValidName(k)) {
        own.add("invalid annotation name: " + k);
      }
    }
    if (!alert.isEmpty()) {
      templateProblems(alert, "label", labels, own);
      templateProblems(alert, "annotation", annotations, own);
    }
    if (!own.isEmpty()) {
      own.forEach(p -> problems.add(prefix + p));
      return null;
    }
    if (!record.isEmpty()) {
      return new RecordingRule(record, expr, parsed, Labels.fromMap(labels));
    }
    return new AlertingRule(alert, expr, parsed, forMillis, labels, annotations, keepFiringForMillis);
  }

  private static void templateProblems(String alert, String kind, Map<String, String> templates,
      List<String> problems) {
    for (Map.Entry<String, String> t : templates.entrySet()) {
      try {
        TemplateExpander.parseAlertTemplate(alert, t.getValue());
      } catch (TemplateException e) {
        problems.add(kind + " \"" + t.getKey() + "\": " + e.getMessage());
      }
    }
  }

  private static void unknownKeys(Map<?, ?> m, Set<String> known, String type, List<String> problems) {
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        problems.add("field " + k + " not found in type " + type);
      }
    }
  }

  private static long duration(Object value, String key, List<String> problems) {
    String s = string(value);
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return PromDuration.parseMillis(s);
    } catch (IllegalArgumentException e) {
      problems.add(key + ": not a valid duration string: \"" + s + "\"");
      return 0;
    }
  }

  private static Map<String, String> stringMap(Object value, String key, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Map<?, ?> m)) {
      problems.add("'" + key + "' must be a mapping of strings");
      return out;
    }
    m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return out;
  }

  private static String string(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
