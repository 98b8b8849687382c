/**
 * The store gateway's binary index-header (Thanos' format): a local file holding an exact copy of a block's
 * symbol table and postings offset table, built from byte-range reads of the remote {@code index}, so a block
 * can be served without downloading its index. Built once per block under the data dir, reused across restarts.
 */
package io.thanosjvm.block.indexheader;
