package io.thanosjvm.compact;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block viewer's view of the bucket: every block with a readable meta.json, refreshed every
 * {@code --block-viewer.global.sync-block-interval} (Thanos' "global" fetcher, separate from the compactor's
 * filtered one; its sync metrics are not exported so they do not double the compactor's).
 */
public final class BlockViewer {

  private static final Logger LOG = LoggerFactory.getLogger(BlockViewer.class);

  private final MetaFetcher fetcher;
  private volatile List<BlockMeta> blocks = List.of();

  public BlockViewer(Bucket bucket, int concurrency) {
    this.fetcher = new MetaFetcher(bucket, concurrency, List.of(), new FetcherMetrics(new SimpleMeterRegistry()));
  }

  /** Re-reads the bucket's metas; failures keep the previous view. */
  public void refresh() {
    try {
      blocks = List.copyOf(fetcher.fetch().metas().values());
    } catch (Exception e) {
      LOG.warn("block viewer sync failed: err={}", e.toString());
    }
  }

  /** The last synced blocks. */
  public List<BlockMeta> blocks() {
    return blocks;
  }
}
