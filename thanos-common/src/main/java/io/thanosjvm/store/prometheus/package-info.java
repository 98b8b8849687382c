/**
 * The sidecar's StoreAPI over one Prometheus: Series through Prometheus' streamed remote read
 * ({@code STREAMED_XOR_CHUNKS}, chunks passed through without re-encoding), label APIs through its HTTP API,
 * and the Prometheus facts a sidecar needs (readiness, external labels from the running configuration).
 */
package io.thanosjvm.store.prometheus;
