package io.thanosjvm.head;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Child JVM of {@link PrometheusReadsOursTest}: {@code <data dir> <start ms> <end ms> <WAL segment bytes> <instances>} appends
 * {@link InteropData}'s scrapes through a {@link LocalTsdb} (WAL on), waits for block cutting, prints
 * {@code done} and waits to be killed.
 */
public final class HeadWriterMain {

  private HeadWriterMain() {}

  /** Runs the child. */
  public static void main(String[] args) throws Exception {
    long start = Long.parseLong(args[1]);
    long end = Long.parseLong(args[2]);
    LocalTsdb db = LocalTsdb.open(Path.of(args[0]), TsdbOptions.defaults().withWalSegmentSize(Integer.parseInt(args[3])),
        InstantSource.fixed(Instant.ofEpochMilli(end)), new SimpleMeterRegistry());
    for (InteropData.Scrape s : InteropData.scrapes(start, end, Integer.parseInt(args[4]))) {
      HeadAppender a = db.appender();
      for (int j = 0; j < s.labels().size(); j++) {
        a.append(s.labels().get(j), s.t(), s.values()[j]);
      }
      a.commit();
    }
    db.compact();
    System.out.println("done blocks=" + db.blocks().size());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
