package io.thanosjvm.store.tsdb;

import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.model.Labels;
import java.util.Objects;

/**
 * One local TSDB served by a {@link TsdbStore} and the external labels its series carry.
 *
 * @param tsdb the open TSDB
 * @param externalLabels the labels attached to every series of it (e.g. {@code --label} plus the tenant label)
 */
public record TsdbSource(LocalTsdb tsdb, Labels externalLabels) {

  /** Requires both. */
  public TsdbSource {
    Objects.requireNonNull(tsdb, "tsdb");
    Objects.requireNonNull(externalLabels, "externalLabels");
  }

  /** The oldest time the TSDB holds (its first block's min time, else the head's), MaxInt64 when empty. */
  public long minTime() {
    var blocks = tsdb.blocks();
    if (!blocks.isEmpty()) {
      return blocks.get(0).minTime();
    }
    return tsdb.head().minTime();
  }
}
