package io.thanosjvm.compact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one compaction step for each group with at most {@code concurrency} groups at a time; once a group fails,
 * groups not yet started are skipped (as Thanos stops feeding its workers). A halt error of any group wins over
 * other errors.
 */
final class GroupRunner {

  /** One group's step; true when it compacted. */
  @FunctionalInterface
  interface Step {
    boolean run(CompactionGroup group) throws IOException;
  }

  private final int concurrency;

  GroupRunner(int concurrency) {
    this.concurrency = concurrency;
  }

  /** Runs the step for every group; returns how many compacted. */
  int runAll(List<CompactionGroup> groups, Step step) throws IOException {
    if (groups.isEmpty()) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, groups.size()), r -> {
      Thread t = new Thread(r, "compact-group");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean failed = new AtomicBoolean();
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (CompactionGroup g : groups) {
        futures.add(pool.submit(() -> {
          if (failed.get()) {
            return false;
          }
          try {
            return step.run(g);
          } catch (IOException | RuntimeException e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      int compacted = 0;
      List<Throwable> errors = new ArrayList<>();
      for (Future<Boolean> f : futures) {
        try {
          compacted += f.get() ? 1 : 0;
        } catch (ExecutionException e) {
          errors.add(e.getCause());
        }
      }
      rethrow(errors);
      return compacted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compacting groups", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void rethrow(List<Throwable> errors) throws IOException {
    if (errors.isEmpty()) {
      return;
    }
    Throwable first = errors.stream().filter(HaltException.class::isInstance).findFirst().orElse(errors.get(0));
    errors.stream().filter(e -> e != first).forEach(first::addSuppressed);
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException re) {
      throw re;
    }
    throw new IOException(first);
  }
}
