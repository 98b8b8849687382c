/**
 * The PromQL evaluator: instant and range queries with Prometheus 2.42 semantics. Every node is evaluated
 * once for all steps of a query over primitive per-step arrays ({@code StepVector}: one {@code double[]}
 * and presence mask per series), so each selector's data is loaded once and shared across steps.
 */
package io.thanosjvm.promql.engine;
