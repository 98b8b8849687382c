/**
 * The store gateway's StoreAPI over the blocks of a bucket: block sync, per-block lookups through the local
 * index-header plus ranged reads of the remote index and chunk files (merged, cached, budgeted), resolution
 * selection for downsampled blocks, limits that fail a request before it allocates, and Info.
 */
package io.thanosjvm.store.bucket;
