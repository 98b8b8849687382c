package io.thanosjvm.testing.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongUnaryOperator;

/**
 * A small mutational fuzzer for JUnit: it mutates a corpus of valid inputs ({@link Mutator}), runs the target on each
 * mutant and records a {@link FuzzFinding} when the target throws anything but the expected (typed) refusals, runs
 * longer than the hang limit, or allocates more than the budget allows for the input's size (a length field read
 * as 2 GiB must be refused, not allocated). Inputs whose outcome (the refusal's type and message shape) is new join
 * the corpus, a cheap stand-in for coverage feedback. A refusal without a message is a finding too: bad input gets a
 * clear error.
 *
 * <p>Runs are reproducible: the seed comes from {@code -Dfuzz.seed} (default 1; {@code random} for a fresh one, which
 * is printed), the iteration count from the test scaled by {@code -Dfuzz.scale} (default 1), so CI runs a bounded,
 * fixed campaign and a longer local campaign is {@code -Dfuzz.scale=50 -Dfuzz.seed=random}.
 */
public final class Fuzzer {

  /** The code under test. */
  @FunctionalInterface
  public interface Target {
    /** Consumes one input; returns normally or throws an expected refusal. */
    void accept(byte[] input) throws Exception;
  }

  private static final int MAX_CORPUS = 400;
  private static final int MAX_FINDINGS = 3;

  private final String name;
  private final List<byte[]> corpus = new ArrayList<>();
  private final List<byte[]> dictionary = new ArrayList<>();
  private final List<Class<? extends Throwable>> expected = new ArrayList<>();
  private LongUnaryOperator allocationBudget = len -> (64L << 20) + 1024L * len;
  private int iterations = 2000;
  private long hangSeconds = Long.getLong("fuzz.hang-seconds", 30);

  private Fuzzer(String name) {
    this.name = name;
  }

  /** A fuzzer for the named target. */
  public static Fuzzer named(String name) {
    return new Fuzzer(name);
  }

  /** Adds valid inputs to start from (at least one is needed). */
  public Fuzzer corpus(List<byte[]> seeds) {
    corpus.addAll(seeds);
    return this;
  }

  /** Adds tokens of the format under test for the mutator to insert. */
  public Fuzzer dictionary(List<byte[]> tokens) {
    dictionary.addAll(tokens);
    return this;
  }

  /** Declares a refusal the target may throw for bad input (subclasses included). */
  @SafeVarargs
  public final Fuzzer expecting(Class<? extends Throwable>... types) {
    expected.addAll(List.of(types));
    return this;
  }

  /** The most bytes the target may allocate for an input of the given length. */
  public Fuzzer allocationBudget(LongUnaryOperator budget) {
    this.allocationBudget = budget;
    return this;
  }

  /** Iterations before scaling by {@code -Dfuzz.scale}. */
  public Fuzzer iterations(int n) {
    this.iterations = n;
    return this;
  }

  /** Runs the campaign. */
  public FuzzReport run(Target target) {
    if (corpus.isEmpty()) {
      throw new IllegalStateException(name + ": empty corpus");
    }
    long seed = seed();
    long total = (long) iterations * Long.getLong("fuzz.scale", 1);
    SplittableRandom random = new SplittableRandom(seed);
    Mutator mutator = new Mutator(dictionary);
    Map<String, Long> outcomes = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    List<FuzzFinding> findings = new ArrayList<>();
    ExecutorService worker = newWorker();
    try {
      for (long i = 0; i < total + corpus.size() && findings.size() < MAX_FINDINGS; i++) {
        byte[] input = i < corpus.size() ? corpus.get((int) i)
            : mutator.mutate(corpus.get(random.nextInt(corpus.size())), corpus.get(random.nextInt(corpus.size())),
                random);
        Future<Outcome> f = worker.submit(() -> runOne(target, input));
        Outcome o;
        try {
          o = f.get(hangSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          worker.shutdownNow();
          worker = newWorker();
          findings.add(new FuzzFinding("hang", i, input, "no answer within " + hangSeconds + " s", null));
          continue;
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        if (o.failure != null && !isExpected(o.failure)) {
          findings.add(new FuzzFinding("exception", i, input, o.failure.toString(), o.failure));
          continue;
        }
        if (o.failure != null && (o.failure.getMessage() == null || o.failure.getMessage().isBlank())) {
          findings.add(new FuzzFinding("unclear refusal", i, input, "refused without a message", o.failure));
          continue;
        }
        long budget = allocationBudget.applyAsLong(input.length);
        if (o.allocated > budget) {
          findings.add(new FuzzFinding("allocation", i, input,
              o.allocated + " bytes allocated for " + input.length + " input bytes (budget " + budget + ")", null));
          continue;
        }
        String signature = o.failure == null ? "accepted" : signature(o.failure);
        outcomes.merge(o.failure == null ? "accepted" : o.failure.getClass().getSimpleName(), 1L, Long::sum);
        if (seen.add(signature) && corpus.size() < MAX_CORPUS && i >= corpus.size()) {
          corpus.add(input);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    FuzzReport report = new FuzzReport(name, seed, total, outcomes, seen.size(), findings);
    System.out.println(report.summary());
    return report;
  }

  private static Outcome runOne(Target target, byte[] input) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadAllocatedBytes();
    Throwable failure = null;
    try {
      target.accept(input);
    } catch (Throwable t) { // a finding or an expected refusal: the caller decides
      failure = t;
    }
    return new Outcome(failure, mx.getCurrentThreadAllocatedBytes() - before);
  }

  private boolean isExpected(Throwable t) {
    if (t instanceof Error) {
      return false;
    }
    for (Class<? extends Throwable> c : expected) {
      if (c.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String signature(Throwable t) {
    String m = String.valueOf(t.getMessage()).replaceAll("[0-9]+", "#");
    return t.getClass().getName() + ":" + m.substring(0, Math.min(m.length(), 48));
  }

  private static long seed() {
    String s = System.getProperty("fuzz.seed", "1");
    return "random".equals(s) ? new SplittableRandom().nextLong() : Long.parseLong(s);
  }

  private ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  private record Outcome(Throwable failure, long allocated) {}
}
