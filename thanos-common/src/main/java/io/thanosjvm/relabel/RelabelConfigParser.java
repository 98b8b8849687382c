package io.thanosjvm.relabel;

import io.thanosjvm.yaml.InvalidYamlException;
import io.thanosjvm.yaml.YamlDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a relabel configuration YAML (a list of rules, as {@code --selector.relabel-config} takes). */
public final class RelabelConfigParser {

  private static final Set<String> KEYS =
      Set.of("source_labels", "separator", "regex", "modulus", "target_label", "replacement", "action");

  private RelabelConfigParser() {}

  /**
   * Parses the rules.
   *
   * @throws IllegalArgumentException naming an unknown key or an invalid rule
   */
  public static List<RelabelConfig> parse(String yaml) {
    Object root;
    try {
      root = YamlDocuments.first(yaml, true);
    } catch (InvalidYamlException e) {
      throw new IllegalArgumentException("relabel configuration: invalid YAML: " + e.getMessage(), e);
    }
    List<RelabelConfig> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException("relabel configuration must be a list of rules");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("relabel rule must be a mapping, got " + item);
      }
      for (Object k : m.keySet()) {
        if (!KEYS.contains(String.valueOf(k))) {
          throw new IllegalArgumentException("field " + k + " not found in type relabel.plain");
        }
      }
      List<String> sources = new ArrayList<>();
      if (m.get("source_labels") instanceof List<?> s) {
        s.forEach(x -> sources.add(String.valueOf(x)));
      }
      out.add(new RelabelConfig(sources,
          str(m, "separator", ";"),
          RelabelConfig.compile(str(m, "regex", "(.*)")),
          m.get("modulus") == null ? 0 : Long.parseLong(String.valueOf(m.get("modulus"))),
          str(m, "target_label", ""),
          str(m, "replacement", "$1"),
          RelabelConfig.Action.parse(str(m, "action", "replace"))));
    }
    return out;
  }

  private static String str(Map<?, ?> m, String key, String fallback) {
    Object v = m.get(key);
    return v == null ? fallback : String.valueOf(v);
  }
}
