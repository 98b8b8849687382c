/**
 * {@code thanos tools bucket replicate}: Thanos' {@code pkg/replicate}. {@link
 * io.thanosjvm.tools.bucket.replicate.BlockFilter} chooses blocks by external-label matchers, resolution and
 * compaction level (or by ID), and {@link io.thanosjvm.tools.bucket.replicate.Replicator} copies each chosen block
 * byte for byte to the target bucket, meta.json last, skipping blocks (and objects) already there.
 */
package io.thanosjvm.tools.bucket.replicate;
