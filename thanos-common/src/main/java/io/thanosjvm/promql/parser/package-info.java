/**
 * The PromQL lexer and recursive-descent (Pratt) parser, with Prometheus 2.42's grammar, type checks and
 * positioned error messages.
 */
package io.thanosjvm.promql.parser;
