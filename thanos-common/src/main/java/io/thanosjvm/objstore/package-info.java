/**
 * Object storage: the {@link io.thanosjvm.objstore.Bucket} contract every block-aware component reads and
 * writes through (mirroring Thanos' {@code objstore.Bucket}), its typed errors and the {@code prefix}
 * wrapper. Providers live in sub-packages; {@link io.thanosjvm.objstore.client.BucketFactory} turns an objstore
 * YAML into a ready, retrying and instrumented bucket.
 *
 * <p>Object names use {@code /} as separator. Directories are implicit: iterating a directory yields the
 * objects directly under it and its sub-directories as names ending in {@code /}, sorted by UTF-8 bytes.
 */
package io.thanosjvm.objstore;
