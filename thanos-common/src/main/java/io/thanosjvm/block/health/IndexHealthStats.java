package io.thanosjvm.block.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counters of a block index's known issues, Thanos' {@code block.HealthStats}.
 *
 * @param totalSeries series in the index
 * @param outOfOrderSeries series with chunks partly overlapping or out of time order
 * @param outOfOrderChunks chunks partly overlapping or out of time order with their predecessor
 * @param duplicatedChunks chunks with exactly the time range of their predecessor (potential duplicates)
 * @param outsideChunks chunks reaching before the block's min time or after its max time
 * @param completeOutsideChunks outside chunks entirely outside the block's range (never read)
 * @param issue347OutsideChunks outside chunks starting exactly at the block's max time (prometheus/tsdb#347)
 * @param outOfOrderLabels series whose label set is stored out of name order (Prometheus 2.8.0 and below)
 */
public record IndexHealthStats(long totalSeries, int outOfOrderSeries, int outOfOrderChunks, int duplicatedChunks,
    int outsideChunks, int completeOutsideChunks, int issue347OutsideChunks, int outOfOrderLabels) {

  /** Validates that no counter is negative. */
  public IndexHealthStats {
    if (totalSeries < 0 || outOfOrderSeries < 0 || outOfOrderChunks < 0 || duplicatedChunks < 0 || outsideChunks < 0
        || completeOutsideChunks < 0 || issue347OutsideChunks < 0 || outOfOrderLabels < 0) {
      throw new IllegalArgumentException("negative health counter");
    }
  }

  /** Stats of an index with no issue found (or none gathered). */
  public static IndexHealthStats empty() {
    return new IndexHealthStats(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The issues only a manual repair can fix (Thanos' {@code CriticalErr}), empty when none. */
  public Optional<String> criticalError() {
    List<String> msgs = new ArrayList<>();
    int n = outsideChunks - (completeOutsideChunks + issue347OutsideChunks);
    if (n > 0) {
      msgs.add("found " + n + " chunks non-completely outside the block time range");
    }
    if (completeOutsideChunks > 0) {
      msgs.add("found " + completeOutsideChunks + " chunks completely outside the block time range");
    }
    return msgs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", msgs));
  }

  /**
   * Every issue found, in Thanos' wording ({@code AnyErr}), empty for a healthy index. Unlike Thanos, chunks
   * duplicated one-to-one are an issue even without other out-of-order chunks: this project's compactor refuses
   * them (they halt it), so verify must name them for a repair.
   */
  public Optional<String> anyError() {
    List<String> msgs = new ArrayList<>();
    criticalError().ifPresent(msgs::add);
    if (issue347OutsideChunks > 0) {
      msgs.add("found " + issue347OutsideChunks
          + " chunks outside the block time range introduced by https://github.com/prometheus/tsdb/issues/347");
    }
    if (outOfOrderLabels > 0) {
      msgs.add("index contains " + outOfOrderLabels + " postings with out of order labels");
    }
    if (outOfOrderChunks > 0) {
      msgs.add(String.format(Locale.ROOT, "%d/%d series have an average of %.3f out-of-order chunks: "
          + "%.3f of these are exact duplicates (in terms of data and time range)", outOfOrderSeries, totalSeries,
          (double) outOfOrderChunks / outOfOrderSeries, (double) duplicatedChunks / outOfOrderChunks));
    } else if (duplicatedChunks > 0) {
      msgs.add("found " + duplicatedChunks + " chunks duplicating the time range of the previous chunk of their "
          + "series");
    }
    return msgs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", msgs));
  }
}
