package io.thanosjvm.compact.merge;

import io.thanosjvm.tsdb.SampleIterator;
import java.util.List;

/**
 * Merges sample streams by timestamp; samples with the same timestamp in several streams are emitted once, the
 * earliest stream's sample winning (Prometheus' compacting merge of overlapping chunks).
 */
final class ChainSamples implements SampleIterator {

  private final SampleIterator[] its;
  private final boolean[] has;
  private boolean started;
  private int cur = -1;

  ChainSamples(List<? extends SampleIterator> streams) {
    this.its = streams.toArray(new SampleIterator[0]);
    this.has = new boolean[its.length];
  }

  @Override
  public boolean next() {
    if (!started) {
      started = true;
      for (int i = 0; i < its.length; i++) {
        has[i] = its[i].next();
      }
    } else if (cur >= 0) {
      long t = its[cur].atT();
      for (int i = 0; i < its.length; i++) {
        if (has[i] && its[i].atT() == t) {
          has[i] = its[i].next();
        }
      }
    } else {
      return false;
    }
    cur = -1;
    for (int i = 0; i < its.length; i++) {
      if (has[i] && (cur < 0 || its[i].atT() < its[cur].atT())) {
        cur = i;
      }
    }
    return cur >= 0;
  }

  @Override
  public boolean seek(long t) {
    if (started && cur >= 0 && its[cur].atT() >= t) {
      return true;
    }
    while (next()) {
      if (atT() >= t) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long atT() {
    return its[cur].atT();
  }

  @Override
  public double atV() {
    return its[cur].atV();
  }
}
