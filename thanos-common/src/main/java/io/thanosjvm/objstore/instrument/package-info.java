/**
 * Micrometer instrumentation of a bucket with Thanos' objstore metric names and labels
 * ({@code thanos_objstore_bucket_operations_total{bucket,operation}} and friends), so dashboards and alerts
 * written for Thanos work unchanged.
 */
package io.thanosjvm.objstore.instrument;
