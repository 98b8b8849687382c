package io.thanosjvm.dedup;


import io.thanosjvm.model.SampleIterator;
import java.util.List;

/**
 * Thanos' penalty deduplication of two replica iterators. Each step advances both replicas to the first sample
 * after the last emitted timestamp plus that replica's penalty and emits the earlier one (ties go to A). The
 * replica not taken is penalised with twice the gap just observed (5000 ms before anything was emitted), so the
 * chosen replica sticks and the other is used only when the chosen one has a gap larger than the penalty.
 * When one replica is exhausted the other continues (after its pending penalty). Seek steps with {@link #next()}
 * so no gap is ever skipped. More replicas are folded pairwise with {@link #of(List, boolean)}.
 *
 * <p>Unlike Thanos, a seek before the first {@code next} starts from the deduplicated first sample rather than
 * replica A's, so the first sample is never emitted twice.
 */
public final class PenaltyDedupIterator implements AdjustableIterator {

  /** Penalty in ms applied to the replica not taken while no sample has been emitted yet. */
  public static final long INITIAL_PENALTY_MILLIS = 5000;

  private final AdjustableIterator a;
  private final AdjustableIterator b;
  private boolean aOk;
  private boolean bOk;
  private long lastT = Long.MIN_VALUE;
  private long penA;
  private long penB;
  private boolean useA = true;
  private boolean started;

  /** Deduplicates {@code a} and {@code b}; both are advanced to their first sample immediately. */
  public PenaltyDedupIterator(AdjustableIterator a, AdjustableIterator b) {
    this.a = a;
    this.b = b;
    this.aOk = a.next();
    this.bOk = b.next();
  }

  /**
   * The deduplicated view of one or more replicas, folded as ((r1 ⊕ r2) ⊕ r3) ...; {@code counter} enables the
   * counter adjustment on every replica.
   */
  public static SampleIterator of(List<? extends SampleIterator> replicas, boolean counter) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("no replicas to deduplicate");
    }
    if (replicas.size() == 1) {
      return replicas.get(0);
    }
    AdjustableIterator it = new ReplicaIterator(replicas.get(0), counter);
    for (int i = 1; i < replicas.size(); i++) {
      it = new PenaltyDedupIterator(it, new ReplicaIterator(replicas.get(i), counter));
    }
    return it;
  }

  @Override
  public boolean next() {
    started = true;
    boolean lastUseA = useA;
    boolean lastValid = useA ? aOk : bOk;
    double lastV = lastValid ? atV() : 0;
    boolean ok = advance();
    if (useA != lastUseA && lastValid) {
      adjustAtValue(lastV);
    }
    return ok;
  }

  private boolean advance() {
    if (aOk) {
      aOk = a.seek(lastT + 1 + penA);
    }
    if (bOk) {
      bOk = b.seek(lastT + 1 + penB);
    }
    if (!aOk) {
      useA = false;
      if (bOk) {
        lastT = b.atT();
        penB = 0;
      }
      return bOk;
    }
    if (!bOk) {
      useA = true;
      lastT = a.atT();
      penA = 0;
      return true;
    }
    long ta = a.atT();
    long tb = b.atT();
    useA = ta <= tb;
    long taken = useA ? ta : tb;
    long penaltyForOther = lastT == Long.MIN_VALUE ? INITIAL_PENALTY_MILLIS : 2 * (taken - lastT);
    if (useA) {
      penB = penaltyForOther;
      penA = 0;
    } else {
      penA = penaltyForOther;
      penB = 0;
    }
    lastT = taken;
    return true;
  }

  @Override
  public boolean seek(long t) {
    if (!started && !next()) {
      return false;
    }
    if (!(useA ? aOk : bOk)) {
      return false;
    }
    while (atT() < t) {
      if (!next()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long atT() {
    return useA ? a.atT() : b.atT();
  }

  @Override
  public double atV() {
    return useA ? a.atV() : b.atV();
  }

  @Override
  public void adjustAtValue(double lastValue) {
    if (aOk) {
      a.adjustAtValue(lastValue);
    }
    if (bOk) {
      b.adjustAtValue(lastValue);
    }
  }
}
