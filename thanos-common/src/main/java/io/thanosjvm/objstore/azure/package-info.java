/**
 * The AZURE provider on azure-storage-blob: shared key or connection string, else a service principal,
 * a user-assigned managed identity or the default Azure credential chain. Block blobs are committed
 * atomically; the SDK's own retries are off in favour of {@link io.thanosjvm.objstore.retry.RetryingBucket}.
 */
package io.thanosjvm.objstore.azure;
