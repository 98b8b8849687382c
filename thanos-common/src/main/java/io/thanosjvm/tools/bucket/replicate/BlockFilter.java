package io.thanosjvm.tools.bucket.replicate;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.tools.logfmt.ToolLog;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which blocks replicate copies, Thanos' {@code replicate.BlockFilter}: a block needs external labels; when IDs are
 * given only those blocks are chosen (the other criteria are ignored), otherwise its external labels must match
 * every matcher, its resolution be one of {@code resolutions} and its compaction level one of {@code levels}.
 *
 * @param matchers matchers on the external labels (all must match)
 * @param resolutions accepted resolutions in ms (0, 300000, 3600000)
 * @param levels accepted compaction levels
 * @param ids when not empty, exactly the blocks replicated
 */
public record BlockFilter(List<Matcher> matchers, Set<Long> resolutions, Set<Integer> levels, Set<String> ids) {

  /** Copies and validates. */
  public BlockFilter {
    matchers = List.copyOf(matchers);
    resolutions = Set.copyOf(resolutions);
    levels = Set.copyOf(levels);
    ids = Set.copyOf(ids);
  }

  /** Whether {@code m} is replicated; the reason it is not is logged. */
  public boolean accepts(BlockMeta m, ToolLog log) {
    Map<String, String> labels = m.thanos().map(ThanosMeta::labels).orElse(Map.of());
    if (labels.isEmpty()) {
      log.error("filtering block", "reason", "labels should not be empty", "block_uuid", m.ulid());
      return false;
    }
    if (!ids.isEmpty()) {
      return ids.contains(m.ulid());
    }
    Labels lset = Labels.fromMap(labels);
    for (Matcher matcher : matchers) {
      if (!matcher.matches(lset.get(matcher.name()))) {
        log.info("filtering block", "reason", "labels don't match", "block_labels", lset.toString(), "block_uuid",
            m.ulid());
        return false;
      }
    }
    long res = m.thanos().map(ThanosMeta::resolution).orElse(0L);
    if (!resolutions.contains(res)) {
      log.info("filtering block", "reason", "resolution doesn't match", "allowed_resolutions", resolutions,
          "block_resolution", res, "block_uuid", m.ulid());
      return false;
    }
    if (!levels.contains(m.compactionLevel())) {
      log.info("filtering block", "reason", "compaction level doesn't match", "allowed_levels", levels,
          "block_level", m.compactionLevel(), "block_uuid", m.ulid());
      return false;
    }
    return true;
  }
}
