package io.thanosjvm.rules;

import io.thanosjvm.promql.ast.Expr;

/** A rule of a rule group: a recording rule or an alerting rule. */
public sealed interface Rule permits RecordingRule, AlertingRule {

  /** The recorded metric name or the alert name. */
  String name();

  /** The PromQL expression as written in the file. */
  String expr();

  /** The parsed expression. */
  Expr parsed();
}
