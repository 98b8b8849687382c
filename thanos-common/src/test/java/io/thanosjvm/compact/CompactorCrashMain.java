package io.thanosjvm.compact;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The child JVM of {@link BucketCompactorCrashTest}: {@code <objstore.yml> <data dir> <clock ms> iterate|cleanup}.
 * {@code iterate} runs compactor iterations until one does no work; {@code cleanup} runs one cleanup. Exits 0 when
 * done, 3 when halted, 4 on a retriable error.
 */
public final class CompactorCrashMain {

  private CompactorCrashMain() {}

  /** Runs the child. */
  public static void main(String[] args) throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(args[2])), ZoneOffset.UTC);
    CompactorSettings settings = CompactorSettings.builder(Path.of(args[1])).concurrency(2, 2).build();
    try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromFile(Path.of(args[0])),
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      BucketCompactor compactor = new BucketCompactor(bucket, settings, new BlockCompactor(), clock,
          new SimpleMeterRegistry());
      if (args[3].equals("cleanup")) {
        List<String> deleted = compactor.cleanUp();
        System.out.println("deleted " + deleted.size());
        System.exit(0);
      }
      for (int i = 0; i < 10; i++) {
        IterationResult r = compactor.runIteration();
        System.out.println("iteration " + r);
        if (r.outcome() == IterationResult.Outcome.HALTED) {
          System.exit(3);
        }
        if (r.outcome() == IterationResult.Outcome.RETRY) {
          System.exit(4);
        }
        if (r.compactions() == 0 && r.downsampled() == 0) {
          System.exit(0);
        }
      }
      System.exit(5);
    }
  }
}
