package io.thanosjvm.rules.template;

import io.thanosjvm.rules.template.Node.ListNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed Go {@code text/template} with its function map (Go's builtins plus the given functions), executed with
 * the {@code missingkey=zero} option as Prometheus sets it.
 */
final class GoTemplate {

  private final String name;
  private final String text;
  private final Map<String, ListNode> trees;
  private final Map<String, GoFunction> funcs;

  private GoTemplate(String name, String text, Map<String, ListNode> trees, Map<String, GoFunction> funcs) {
    this.name = name;
    this.text = text;
    this.trees = trees;
    this.funcs = funcs;
  }

  /**
   * Parses {@code text} as template {@code name}.
   *
   * @throws TemplateException with Go's {@code template: NAME:LINE: ...} text
   */
  static GoTemplate parse(String name, String text, Map<String, GoFunction> functions) {
    Map<String, GoFunction> funcs = new LinkedHashMap<>(Builtins.all());
    funcs.putAll(functions);
    return new GoTemplate(name, text, Parser.parse(name, text, funcs.keySet()), funcs);
  }

  /**
   * Executes the template with {@code data} as dot.
   *
   * @throws TemplateException with Go's {@code template: NAME:LINE:COL: executing ...} text
   */
  String execute(Object data) {
    return Executor.execute(name, text, trees, funcs, data);
  }
}
