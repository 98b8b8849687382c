/**
 * Chunk segment files of a block ({@code chunks/000001}, ...): a reader resolving chunk references
 * ({@code segmentIndex << 32 | offset}) with positional reads and CRC32C checks, and a writer that appends
 * chunks and cuts a new segment before one would exceed the maximum size (512 MiB by default).
 */
package io.thanosjvm.tsdb.chunks;
