package io.thanosjvm.tools.blocks;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code blocks generate --output-dir <dir> --series N --duration 6h --step 15s --block-duration 2h
 * --seed S [--external-label k=v ...] [--start <ms|RFC3339>]}: writes deterministic synthetic data as
 * epoch-aligned blocks with a Thanos meta section (source {@code generator}, resolution 0). Memory holds
 * one double of state per series plus one block's samples of one series.
 */
public final class GenerateCommand {

  private static final String USAGE = """
      usage: blocks generate --output-dir <dir> [--series N] [--duration 6h] [--step 15s]
                             [--block-duration 2h] [--seed S] [--external-label k=v ...] [--start <ms|RFC3339>]
        --output-dir      directory the blocks are written to (created if missing)
        --series          number of series (13 per target: 2 counters, 2 gauges, a histogram) (default 100)
        --duration        time span of the data (default 6h)
        --step            interval between samples (default 15s)
        --block-duration  block length; blocks are aligned to multiples of it from the epoch (default 2h)
        --seed            seed of the deterministic data (default 1)
        --external-label  external label k=v for the thanos section (repeatable)
        --start           first sample time, ms or RFC3339 (default: aligned so data ends now)
      """;

  private final Clock clock;

  /** A command using the system clock for ULIDs and the default start. */
  public GenerateCommand() {
    this(Clock.systemUTC());
  }

  /** A command with an injected clock. */
  public GenerateCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    Options o;
    try {
      f = ParsedArgs.parse(args, Set.of("output-dir", "series", "duration", "step", "block-duration", "seed",
          "external-label", "start"), Set.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      if (!f.positional().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument " + f.positional().get(0));
      }
      o = options(f);
    } catch (IllegalArgumentException e) {
      err.println("blocks generate: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      for (BlockMeta m : generate(o)) {
        out.println(m.ulid() + " " + m.minTime() + " " + m.maxTime() + " series=" + m.numSeries() + " samples="
            + m.numSamples());
      }
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("blocks generate: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Validated generator options.
   *
   * @param outputDir where blocks go
   * @param series number of series
   * @param start first sample time (ms)
   * @param durationMs data span
   * @param stepMs sample interval
   * @param blockMs block length
   * @param seed data seed
   * @param externalLabels Thanos external labels
   */
  public record Options(Path outputDir, int series, long start, long durationMs, long stepMs, long blockMs,
      long seed, TreeMap<String, String> externalLabels) {

    /** Validates the options. */
    public Options {
      if (series <= 0) {
        throw new IllegalArgumentException("--series must be positive");
      }
      if (stepMs <= 0 || durationMs <= 0 || blockMs <= 0) {
        throw new IllegalArgumentException("durations must be positive");
      }
      if (blockMs / stepMs > 65_000) {
        throw new IllegalArgumentException("too many samples per block: block duration / step must be <= 65000");
      }
    }
  }

  private Options options(ParsedArgs f) {
    String dir = f.get("output-dir", null);
    if (dir == null) {
      throw new IllegalArgumentException("--output-dir is required");
    }
    long series = f.getLong("series", 100);
    if (series > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--series too large");
    }
    long duration = positiveMillis(f.get("duration", "6h"));
    long step = positiveMillis(f.get("step", "15s"));
    long block = positiveMillis(f.get("block-duration", "2h"));
    long start;
    if (f.has("start")) {
      start = parseTime(f.get("start", null));
    } else {
      long end = clock.millis();
      start = Math.floorDiv(end - duration, block) * block;
    }
    TreeMap<String, String> ext = new TreeMap<>();
    for (String kv : f.all("external-label")) {
      int eq = kv.indexOf('=');
      if (eq <= 0 || !Label.isValidName(kv.substring(0, eq))) {
        throw new IllegalArgumentException("--external-label must be name=value: " + kv);
      }
      ext.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new Options(Path.of(dir), (int) series, start, duration, step, block, f.getLong("seed", 1), ext);
  }

  /** Generates the blocks; returns their metas in time order. */
  public List<BlockMeta> generate(Options o) throws IOException {
    Files.createDirectories(o.outputDir());
    SyntheticData data = new SyntheticData(o.seed(), o.series());
    Ulid ulids = new Ulid(clock, new SplittableRandom(o.seed()));
    double[] state = new double[o.series()];
    Arrays.fill(state, Double.NaN);
    long end = o.start() + o.durationMs();
    int perBlock = (int) (o.blockMs() / o.stepMs()) + 1;
    long[] ts = new long[perBlock];
    double[] vs = new double[perBlock];
    List<BlockMeta> metas = new java.util.ArrayList<>();
    for (long w = Math.floorDiv(o.start(), o.blockMs()) * o.blockMs(); w < end; w += o.blockMs()) {
      long from = Math.max(w, o.start());
      long firstStep = Math.floorDiv(from - o.start() + o.stepMs() - 1, o.stepMs());
      long lastExcl = Math.min(w + o.blockMs(), end);
      int n = 0;
      for (long s = firstStep; o.start() + s * o.stepMs() < lastExcl; s++) {
        ts[n++] = o.start() + s * o.stepMs();
      }
      if (n == 0) {
        continue;
      }
      final int count = n;
      ThanosMeta thanos = ThanosMeta.create(o.externalLabels(), 0, ThanosMeta.SOURCE_GENERATOR);
      try (BlockWriter bw = new BlockWriter(o.outputDir(), ulids.next(), thanos)) {
        int[] idx = {0};
        data.forEachSorted(d -> {
          int i = idx[0]++;
          double prev = state[i];
          for (int k = 0; k < count; k++) {
            long step = firstStep + k;
            prev = data.value(d, step, prev, o.stepMs());
            vs[k] = prev;
          }
          state[i] = prev;
          try {
            bw.addSeries(d.labels(), ts, vs, count);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        metas.add(bw.commit(w, w + o.blockMs()));
      }
    }
    return metas;
  }

  /** Milliseconds of a Prometheus duration that must be positive. */
  private static long positiveMillis(String s) {
    long total = PromDuration.parseMillis(s);
    if (total <= 0) {
      throw new IllegalArgumentException("duration must be positive: " + s);
    }
    return total;
  }

  /** A time given as Unix milliseconds or RFC3339. */
  private static long parseTime(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("invalid time (want ms or RFC3339): " + s);
      }
    }
  }
}
