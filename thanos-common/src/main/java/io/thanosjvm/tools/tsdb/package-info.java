/**
 * The {@code tsdb} tool commands: {@code dump} (promtool-identical sample dump) and {@code analyze}
 * (series, chunk, sample and label cardinality statistics), plus their small helpers (flag parsing,
 * Go {@code %g} number formatting, a PromQL vector-selector parser).
 */
package io.thanosjvm.tools.tsdb;
