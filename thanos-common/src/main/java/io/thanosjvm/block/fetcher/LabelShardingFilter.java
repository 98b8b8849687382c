package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.Relabeler;
import java.util.List;
import java.util.Map;

/**
 * Thanos' {@code --selector.relabel-config} sharding: relabels each block's external labels plus
 * {@code __block_id} (its ULID) and drops the block when the rules drop the set (state {@code label-excluded}).
 * With {@code hashmod} on {@code __block_id} or external labels, several store gateways or compactors split the
 * bucket between them.
 *
 * @param rules the relabel rules
 */
public record LabelShardingFilter(List<RelabelConfig> rules) implements MetaFilter {

  /** The label carrying the block's ULID during relabelling. */
  public static final String BLOCK_ID_LABEL = "__block_id";

  /** Copies the rules. */
  public LabelShardingFilter {
    rules = List.copyOf(rules);
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) {
    if (rules.isEmpty()) {
      return;
    }
    metas.values().removeIf(m -> {
      Labels.Builder b = Labels.builder();
      m.thanos().map(ThanosMeta::labels).orElse(Map.of()).forEach(b::set);
      b.set(BLOCK_ID_LABEL, m.ulid());
      boolean excluded = Relabeler.process(b.build(), rules) == null;
      if (excluded) {
        synced.inc(SyncState.LABEL_EXCLUDED);
      }
      return excluded;
    });
  }
}
