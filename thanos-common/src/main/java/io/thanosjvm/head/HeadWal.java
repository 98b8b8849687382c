package io.thanosjvm.head;

import java.io.IOException;
import java.util.function.LongPredicate;

/** The head's write-ahead log: logs commits, replays them at open and is truncated after blocks are cut. */
interface HeadWal extends HeadLog, AutoCloseable {

  /** Replays the newest checkpoint and the segments after it into the head; returns a summary. */
  ReplayStats replay(Head head) throws IOException;

  /** Prometheus' {@code truncateWAL(mint)}: checkpoints the first 2/3 of the segments, then deletes them. */
  void truncate(long mint, LongPredicate keepSeries) throws IOException;

  @Override
  void close() throws IOException;

  /** A WAL that logs nothing. */
  HeadWal NONE = new HeadWal() {
    @Override
    public void logCommit(java.util.List<RefSeries> series, long[] refs, long[] ts, double[] vs, int n) {}

    @Override
    public ReplayStats replay(Head head) {
      return new ReplayStats(0, 0, 0, 0, 0);
    }

    @Override
    public void truncate(long mint, LongPredicate keepSeries) {}

    @Override
    public void close() {}
  };
}
