package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.util.Map;

/** One step of the fetcher's filter chain: removes blocks from {@code metas} and counts why. */
public interface MetaFilter {

  /**
   * Filters {@code metas} (ULID to meta, mutable) in place, adding each removed or flagged block to
   * {@code synced}.
   */
  void filter(Map<String, BlockMeta> metas, SyncCounts synced) throws IOException;
}
