package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of one fetch.
 *
 * @param metas the blocks that passed every filter, by ULID
 * @param partial blocks that could not be loaded (no or corrupted meta.json, read failures), ULID to reason
 * @param synced per-state counts
 * @param failed whether some meta.json could not be read for a reason other than absence or corruption
 */
public record FetchResult(SortedMap<String, BlockMeta> metas, SortedMap<String, String> partial,
    Map<SyncState, Long> synced, boolean failed) {

  /** Copies into unmodifiable maps. */
  public FetchResult {
    metas = Collections.unmodifiableSortedMap(new TreeMap<>(metas));
    partial = Collections.unmodifiableSortedMap(new TreeMap<>(partial));
    synced = Map.copyOf(synced);
  }
}
