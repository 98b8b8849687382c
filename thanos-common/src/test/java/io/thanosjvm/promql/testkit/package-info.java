/**
 * Differential testing of PromQL against Prometheus: {@link io.thanosjvm.promql.testkit.RandomPromql} generates
 * seeded, well-typed expressions over the {@code make-prom-blocks} data set (the data the side-by-side corpus uses),
 * and {@link io.thanosjvm.promql.testkit.PromAnswers} compares two Prometheus HTTP API answers. Shipped in the
 * thanos-common test-jar so the query app's tests, the query frontend's tests and the bench harnesses share them.
 */
package io.thanosjvm.promql.testkit;
