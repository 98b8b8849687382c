package io.thanosjvm.head;

import java.io.IOException;
import java.util.List;

/**
 * Where the head logs a commit before making it visible: the write-ahead log in production
 * ({@link WalHeadLog}), nothing for a purely in-memory head.
 */
public interface HeadLog {

  /** Logs nothing. */
  HeadLog NONE = (series, refs, ts, vs, n) -> { };

  /**
   * Logs one commit: a Series record for {@code series} (when not empty), then a Samples record with the first
   * {@code n} samples. When this returns the records must survive the process being killed.
   */
  void logCommit(List<RefSeries> series, long[] refs, long[] ts, double[] vs, int n) throws IOException;
}
