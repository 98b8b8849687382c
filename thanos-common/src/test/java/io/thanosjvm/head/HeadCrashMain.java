package io.thanosjvm.head;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.List;

/**
 * Child JVM of {@link HeadCrashTest}: {@code <data dir> <threads>} opens the TSDB (replaying its WAL), then each
 * thread appends forever to its own 5 series, one transaction per step drawn from a shared counter (t = BASE + step
 * seconds, value = step), and prints {@code C <thread> <step>} after each commit returned. One second per step
 * makes the head cut blocks and checkpoint the WAL every few thousand commits, so kills also hit those.
 */
public final class HeadCrashMain {

  static final long BASE = 1_790_000_000_000L / 7_200_000L * 7_200_000L;
  static final long STEP = 1_000L;
  static final int SERIES = 5;

  private HeadCrashMain() {}

  static Labels labels(int thread, int k) {
    return Labels.of("__name__", "crash_test", "thread", Integer.toString(thread), "k", Integer.toString(k));
  }

  /** Runs the child. */
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    LocalTsdb db = LocalTsdb.open(Path.of(args[0]), TsdbOptions.defaults().withWalSegmentSize(64 * 1024),
        InstantSource.fixed(Instant.ofEpochMilli(BASE)), new SimpleMeterRegistry());
    synchronized (out) {
      out.println("open " + db.replayed());
      out.flush();
    }
    long last = -1;
    for (int w = 0; w < threads; w++) {
      last = Math.max(last, lastStep(db, w));
    }
    java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong(last);
    for (int w = 0; w < threads; w++) {
      int id = w;
      Thread t = new Thread(() -> {
        long[] refs = new long[SERIES];
        while (true) {
          long step = steps.incrementAndGet();
          HeadAppender a = db.appender();
          long ts = BASE + step * STEP;
          for (int k = 0; k < SERIES; k++) {
            if (refs[k] == 0) {
              refs[k] = a.append(labels(id, k), ts, step);
            } else {
              a.append(refs[k], ts, step);
            }
          }
          a.commit();
          synchronized (out) {
            out.println("C " + id + " " + step);
            out.flush();
          }
        }
      });
      t.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The last step of a thread's series 0 in the TSDB, -1 when none. */
  static long lastStep(LocalTsdb db, int thread) {
    Iterator<StoredSeries> it = db.select(Long.MIN_VALUE, Long.MAX_VALUE,
        List.of(Matcher.equal("__name__", "crash_test"), Matcher.equal("thread", Integer.toString(thread)),
            Matcher.equal("k", "0")));
    long last = -1;
    while (it.hasNext()) {
      SampleIterator si = it.next().iterator();
      while (si.next()) {
        last = (si.atT() - BASE) / STEP;
      }
    }
    return last;
  }
}
