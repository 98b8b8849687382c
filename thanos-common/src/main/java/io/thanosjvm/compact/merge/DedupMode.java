package io.thanosjvm.compact.merge;

/** How samples of overlapping chunks of one series are merged (Thanos' {@code --deduplication.func}). */
public enum DedupMode {

  /**
   * Prometheus' compacting merge (flag value {@code ""}): samples merged by timestamp, samples with identical
   * timestamps kept once (the first input block's sample wins).
   */
  ONE_TO_ONE,

  /**
   * Thanos' {@code penalty}: each input block is one replica stream; the streams are folded pairwise with the
   * querier's penalty algorithm (no counter adjustment), after dropping byte-identical chunks.
   */
  PENALTY
}
