package io.thanosjvm.tools.bucket;

import io.thanosjvm.cli.FlagNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.compact.BlockCompactor;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import io.thanosjvm.cli.ParsedArgs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket cleanup [--delete-delay=48h] [--consistency-delay=30m] [--block-sync-concurrency=20]}: one pass of
 * the compactor's cleaner, run by hand: blocks whose deletion mark is older than the delete delay are deleted
 * (meta.json first, the mark last), and so are aborted partial uploads older than 48h. Nothing else is touched.
 */
public final class CleanupCommand {

  private static final String USAGE = """
      usage: bucket cleanup (--objstore.config-file=<file> | --objstore.config=<yaml>)
                            [--delete-delay=48h] [--consistency-delay=30m] [--block-sync-concurrency=20]
      """;

  private final Clock clock;

  /** A command judging mark and block ages by {@code clock}. */
  public CleanupCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    CompactorSettings settings;
    Path work;
    try {
      f = BucketArgs.parse(args, Set.of(FlagNames.DELETE_DELAY, FlagNames.CONSISTENCY_DELAY, FlagNames.BLOCK_SYNC_CONCURRENCY), Set.of(),
          Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      work = Files.createTempDirectory("thanos-bucket-cleanup");
      settings = CompactorSettings.builder(work)
          .deleteDelay(duration(f, FlagNames.DELETE_DELAY, Duration.ofHours(48)))
          .consistencyDelay(duration(f, FlagNames.CONSISTENCY_DELAY, Duration.ofMinutes(30)))
          .metaFetchConcurrency(Integer.parseInt(f.get(FlagNames.BLOCK_SYNC_CONCURRENCY, "20"))).build();
    } catch (IllegalArgumentException | java.io.IOException e) {
      err.println("bucket cleanup: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      BucketCompactor cleaner = new BucketCompactor(bucket, settings, new BlockCompactor(), clock,
          new SimpleMeterRegistry());
      List<String> deleted = cleaner.cleanUp();
      for (String id : deleted) {
        out.println("deleted " + id);
      }
      out.println("cleanup done: " + deleted.size() + " block(s) deleted");
      return 0;
    } catch (Exception e) {
      err.println("bucket cleanup: " + e.getMessage());
      return 1;
    } finally {
      try {
        DirTrees.delete(work);
      } catch (java.io.IOException e) {
        err.println("bucket cleanup: could not remove " + work + ": " + e.getMessage());
      }
    }
  }

  private static Duration duration(ParsedArgs f, String name, Duration fallback) {
    String v = f.get(name, "");
    try {
      return v.isEmpty() ? fallback : PromDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }
}
