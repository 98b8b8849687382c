package io.thanosjvm.receive;

import java.util.EnumMap;
import java.util.Map;

/**
 * Tallies the outcome of a fanned-out write per series, as Thanos decides it: a series succeeds once
 * {@code successThreshold} of its replicas are written and fails once so many failed that the threshold cannot be
 * reached. The request fails when any series fails; the answer's cause is the most common cause among the failed
 * series, where a series' cause is the one that failed at least {@code successThreshold} of its replicas (so a
 * quorum of conflicts is a conflict, while a mix of causes is an internal error).
 *
 * <p>Not thread-safe: feed it from the one thread that collects responses.
 */
public final class QuorumTracker {

  private final int successThreshold;
  private final int failureThreshold;
  private final int[] successes;
  private final int[] failures;
  private final int[][] causeCounts;
  private final String[] firstDetail;
  private int undecided;

  /**
   * A tracker for {@code numSeries} series each written to {@code replicas} replicas.
   *
   * @param successThreshold writes each series needs ({@link Replication#successThreshold()})
   */
  public QuorumTracker(int numSeries, int replicas, int successThreshold) {
    if (successThreshold < 1 || successThreshold > replicas) {
      throw new IllegalArgumentException("success threshold " + successThreshold + " outside 1.." + replicas);
    }
    this.successThreshold = successThreshold;
    this.failureThreshold = replicas - successThreshold + 1;
    this.successes = new int[numSeries];
    this.failures = new int[numSeries];
    this.causeCounts = new int[numSeries][];
    this.firstDetail = new String[numSeries];
    this.undecided = numSeries;
  }

  /** Records that the given series were written on one replica. */
  public void succeeded(int[] seriesIds) {
    for (int id : seriesIds) {
      boolean wasOpen = open(id);
      successes[id]++;
      if (wasOpen && !open(id)) {
        undecided--;
      }
    }
  }

  /** Records that writing the given series to one replica failed with {@code cause}. */
  public void failed(int[] seriesIds, WriteErrorCause cause, String detail) {
    for (int id : seriesIds) {
      boolean wasOpen = open(id);
      failures[id]++;
      if (causeCounts[id] == null) {
        causeCounts[id] = new int[WriteErrorCause.values().length];
      }
      causeCounts[id][cause.ordinal()]++;
      if (firstDetail[id] == null) {
        firstDetail[id] = detail;
      }
      if (wasOpen && !open(id)) {
        undecided--;
      }
    }
  }

  private boolean open(int id) {
    return successes[id] < successThreshold && failures[id] < failureThreshold;
  }

  /** Whether every series has succeeded or can no longer succeed (the answer need not wait for the rest). */
  public boolean decided() {
    return undecided == 0;
  }

  /**
   * The answer once every response is in (or {@link #decided()}); a series short of its successes then failed
   * (a response that never came, e.g. after the forward timeout, counts as unavailable).
   *
   * @throws WriteException naming the prevailing cause and the first failure's detail when a series failed
   */
  public void result() {
    Map<WriteErrorCause, Integer> perCause = new EnumMap<>(WriteErrorCause.class);
    String detail = null;
    int failed = 0;
    for (int id = 0; id < successes.length; id++) {
      if (successes[id] >= successThreshold) {
        continue;
      }
      failed++;
      WriteErrorCause cause = failures[id] == 0 ? WriteErrorCause.UNAVAILABLE : seriesCause(id);
      perCause.merge(cause, 1, Integer::sum);
      if (detail == null) {
        detail = firstDetail[id];
      }
    }
    if (failed == 0) {
      return;
    }
    WriteErrorCause top = null;
    for (Map.Entry<WriteErrorCause, Integer> e : perCause.entrySet()) {
      if (top == null || e.getValue() > perCause.get(top)) {
        top = e.getKey();
      }
    }
    throw new WriteException(top, top.message() + ": " + failed + " of " + successes.length
        + " series failed to reach the write quorum of " + successThreshold
        + (detail == null ? "" : "; first error: " + detail));
  }

  private WriteErrorCause seriesCause(int id) {
    WriteErrorCause best = WriteErrorCause.INTERNAL;
    int bestCount = 0;
    for (WriteErrorCause c : WriteErrorCause.values()) {
      int n = causeCounts[id] == null ? 0 : causeCounts[id][c.ordinal()];
      if (n >= successThreshold && n > bestCount) {
        best = c;
        bestCount = n;
      }
    }
    return best;
  }
}
