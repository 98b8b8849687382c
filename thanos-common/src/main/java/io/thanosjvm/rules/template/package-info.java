/**
 * Prometheus' alert and rule template language, as Prometheus 2.42 expands alert labels and annotations: a Go
 * {@code text/template} interpreter ({@link io.thanosjvm.rules.template.GoTemplate}: lexer, parser and evaluator
 * with Go's semantics and error texts), Go's {@code fmt} formatting ({@link io.thanosjvm.rules.template.GoFmt}),
 * and Prometheus' function map and template data ({@link io.thanosjvm.rules.template.TemplateExpander}).
 *
 * <p>Plain Java; the ruler supplies PromQL through {@link io.thanosjvm.rules.template.QueryFunction}.
 */
package io.thanosjvm.rules.template;
