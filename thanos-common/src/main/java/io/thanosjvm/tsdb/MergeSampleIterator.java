package io.thanosjvm.tsdb;

import io.thanosjvm.model.SampleIterator;
import java.util.List;

/**
 * Merges sample iterators of one series by timestamp; when several hold a sample at the same time, the first
 * iterator's sample wins and the others are skipped (Prometheus' chained merge, used for a series read from
 * several blocks and for the compacting merge of overlapping chunks).
 */
public final class MergeSampleIterator implements SampleIterator {

  private final SampleIterator[] its;
  private final boolean[] has;
  private boolean started;
  private int cur = -1;

  /** Merges {@code iterators}, earlier ones winning ties. */
  public MergeSampleIterator(List<? extends SampleIterator> iterators) {
    this.its = iterators.toArray(new SampleIterator[0]);
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
