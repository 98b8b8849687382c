/**
 * Series deletion requests recorded in the bucket (the admin API's {@code delete_series}): one immutable JSON object
 * per request under {@code tombstones/}, as Thanos' deletion proposal lays them out; read back by the querier, which
 * hides what they delete, and by the compactor, which rewrites the blocks they touch.
 */
package io.thanosjvm.block.deletion;
