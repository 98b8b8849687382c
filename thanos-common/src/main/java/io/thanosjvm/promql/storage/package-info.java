/**
 * The storage contract the PromQL engine evaluates over: a {@link io.thanosjvm.promql.storage.Queryable}
 * selecting series by matchers with selection hints, series with primitive sample iterators, and an
 * in-memory implementation for tests and the script runner.
 */
package io.thanosjvm.promql.storage;
