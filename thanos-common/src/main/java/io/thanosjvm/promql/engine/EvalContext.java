package io.thanosjvm.promql.engine;

import io.thanosjvm.promql.QueryCanceledException;
import io.thanosjvm.promql.QueryTimeoutException;
import io.thanosjvm.promql.TooManySamplesException;
import io.thanosjvm.promql.storage.Queryable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Per-query state: storage, limits, cancellation, sample accounting and warnings. */
final class EvalContext {

  final Queryable queryable;
  final EngineOptions options;
  final long queryStart;
  final long queryEnd;
  final long lookback;
  private final long deadline;
  private final QueryControl control;
  private long currentSamples;
  private long peakSamples;
  private final Set<String> warnings = new LinkedHashSet<>();
  private int checkCounter;

  EvalContext(Queryable queryable, EngineOptions options, long queryStart, long queryEnd, QueryControl control) {
    this.queryable = queryable;
    this.options = options;
    this.queryStart = queryStart;
    this.queryEnd = queryEnd;
    this.lookback = options.lookbackDelta().toMillis();
    long now = options.clock().millis();
    long t = options.timeout().toMillis();
    this.deadline = t <= 0 || now > Long.MAX_VALUE - t ? Long.MAX_VALUE : now + t;
    this.control = control == null ? new QueryControl() : control;
  }

  /** Throws when the query is canceled or timed out. */
  void check(String where) {
    if (control.isCanceled()) {
      throw new QueryCanceledException(where);
    }
    if (options.clock().millis() > deadline) {
      throw new QueryTimeoutException(where);
    }
  }

  /** A cheap periodic check for hot loops. */
  void tick() {
    if ((++checkCounter & 0x3FF) == 0) {
      check("expression evaluation");
    }
  }

  void addSamples(long n) {
    currentSamples += n;
    if (currentSamples > peakSamples) {
      peakSamples = currentSamples;
    }
    if (currentSamples > options.maxSamples()) {
      throw new TooManySamplesException();
    }
  }

  void releaseSamples(long n) {
    currentSamples -= n;
  }

  long peakSamples() {
    return peakSamples;
  }

  void warn(String w) {
    warnings.add(w);
  }

  List<String> warnings() {
    return new ArrayList<>(warnings);
  }
}
