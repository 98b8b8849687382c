package io.thanosjvm.compact.merge;

import io.thanosjvm.tsdb.SampleIterator;

/**
 * Thanos' penalty deduplication of two replica streams A and B, without counter adjustment (as the compactor's
 * {@code penalty} mode uses it). Each step seeks both streams to {@code lastT + 1 + penalty}, takes the earlier
 * sample (A on ties) and gives the other stream a penalty of twice the gap to the previous sample (5000 ms before
 * the first sample), so a replica, once chosen, is kept until it stops producing samples.
 */
final class PenaltySamples implements SampleIterator {

  /** Penalty given to the other stream when the first sample is chosen, in milliseconds. */
  static final long INITIAL_PENALTY = 5000;

  private final SampleIterator a;
  private final SampleIterator b;
  private boolean aok = true;
  private boolean bok = true;
  private boolean useA = true;
  private long lastT = Long.MIN_VALUE;
  private long penA;
  private long penB;
  private boolean exhausted;

  PenaltySamples(SampleIterator a, SampleIterator b) {
    this.a = a;
    this.b = b;
  }

  private long target(long pen) {
    return lastT == Long.MIN_VALUE ? Long.MIN_VALUE : lastT + 1 + pen;
  }

  @Override
  public boolean next() {
    if (exhausted) {
      return false;
    }
    if (aok) {
      aok = a.seek(target(penA));
    }
    if (bok) {
      bok = b.seek(target(penB));
    }
    if (!aok) {
      useA = false;
      if (bok) {
        lastT = b.atT();
        penB = 0;
        return true;
      }
      exhausted = true;
      return false;
    }
    if (!bok) {
      useA = true;
      lastT = a.atT();
      penA = 0;
      return true;
    }
    long ta = a.atT();
    long tb = b.atT();
    useA = ta <= tb;
    if (useA) {
      penB = lastT == Long.MIN_VALUE ? INITIAL_PENALTY : 2 * (ta - lastT);
      penA = 0;
      lastT = ta;
    } else {
      penA = lastT == Long.MIN_VALUE ? INITIAL_PENALTY : 2 * (tb - lastT);
      penB = 0;
      lastT = tb;
    }
    return true;
  }

  @Override
  public boolean seek(long t) {
    if (lastT != Long.MIN_VALUE && !exhausted && lastT >= t) {
      return true;
    }
    while (next()) {
      if (lastT >= t) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long atT() {
    return useA ? a.atT() : b.atT();
  }

  @Override
  public double atV() {
    return useA ? a.atV() : b.atV();
  }
}
