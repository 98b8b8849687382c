/**
 * The PromQL engine, compatible with Prometheus 2.42: the typed error hierarchy lives here, the language
 * in {@code ast} and {@code parser}, evaluation in {@code engine} and the storage contract in
 * {@code storage}.
 */
package io.thanosjvm.promql;
