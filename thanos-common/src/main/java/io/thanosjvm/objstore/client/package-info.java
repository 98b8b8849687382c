/**
 * Opening a bucket from Thanos' objstore configuration (like Thanos' {@code objstore/client}): picks the provider
 * package for the configured type and wraps the result with metrics and retries. It sits above the providers, which
 * only know the {@code objstore} interfaces, so the provider packages and {@code objstore} never import each other
 * in a cycle.
 */
package io.thanosjvm.objstore.client;
