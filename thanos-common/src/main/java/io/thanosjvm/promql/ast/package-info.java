/**
 * The PromQL abstract syntax tree: immutable records whose {@code toString()} prints PromQL that parses
 * back to an equal tree, plus the operator, aggregation and function catalogues of Prometheus 2.42.
 */
package io.thanosjvm.promql.ast;
