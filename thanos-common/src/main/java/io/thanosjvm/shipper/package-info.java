/**
 * The shipper: watches a Prometheus TSDB directory and uploads each new completed block to the bucket once
 * (meta.json last, with the Thanos section), remembering what it shipped in {@code thanos.shipper.json}, as the
 * Thanos sidecar does. Also the sidecar's check of Prometheus' block durations. Plain Java.
 */
package io.thanosjvm.shipper;
