/**
 * The only Spring-aware package of thanos-common: auto-configuration of the server behaviour every
 * component shares (HTTP on 10902 with probes and {@code /metrics}, gRPC on 10901 with health, reflection,
 * keepalive, snappy and metrics, Thanos-style logs), the mapping of {@code thanos.*} properties onto Spring's
 * own, and {@code @ConfigurationProperties} for each capability.
 */
package io.thanosjvm.autoconfigure;
