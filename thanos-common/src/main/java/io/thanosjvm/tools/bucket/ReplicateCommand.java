package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.model.TimeOrDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.tools.bucket.replicate.BlockFilter;
import io.thanosjvm.tools.bucket.replicate.Replicator;
import io.thanosjvm.tools.logfmt.ToolLog;
import io.thanosjvm.tools.tsdb.SelectorParser;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket replicate --objstore-to.config(-file)=... [--resolution=0s]... [--compaction=N]...
 * [--compaction-min=1] [--compaction-max=4] [--matcher='k="v"']... [--id=<ULID>]... [--min-time] [--max-time]
 * [--ignore-marked-for-deletion] [--single-run]}: copies Thanos blocks from the source bucket to the target byte
 * for byte (meta.json last), skipping blocks already there. With {@code --single-run} or {@code --id} one pass runs;
 * otherwise a pass runs every minute until the process is stopped (without Thanos' HTTP port).
 */
public final class ReplicateCommand {

  private static final String USAGE = """
      usage: bucket replicate (--objstore.config-file=<file> | --objstore.config=<yaml>)
                              (--objstore-to.config-file=<file> | --objstore-to.config=<yaml>)
                              [--resolution=0s|5m|1h]... [--compaction=N]... [--compaction-min=1] [--compaction-max=4]
                              [--matcher='key="value"']... [--id=<ULID>]... [--min-time=<time>] [--max-time=<time>]
                              [--ignore-marked-for-deletion] [--single-run]
        --resolution        only blocks with these resolutions (default 0s, 5m and 1h)
        --compaction        only blocks with these compaction levels (default compaction-min..compaction-max)
        --matcher           only blocks whose external labels match (=, !=, =~, !~); repeatable
        --id                exactly these blocks (other filters ignored); implies a single run
        --min-time/--max-time  only blocks overlapping this range (RFC 3339 or a duration relative to now)
        --ignore-marked-for-deletion  do not replicate blocks that have a deletion mark
        --single-run        run one replication pass, then exit
      """;
  private static final String TO = "objstore-to.config";
  private static final String TO_FILE = "objstore-to.config-file";
  private static final String RESOLUTION = "resolution";
  private static final String COMPACTION = "compaction";
  private static final String COMPACTION_MIN = "compaction-min";
  private static final String COMPACTION_MAX = "compaction-max";
  private static final String MATCHER = "matcher";
  private static final String ID = "id";
  private static final String MIN_TIME = FlagNames.MIN_TIME;
  private static final String MAX_TIME = FlagNames.MAX_TIME;
  private static final String IGNORE_MARKED = "ignore-marked-for-deletion";
  private static final String SINGLE_RUN = "single-run";
  private static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Clock clock;

  /** A command judging relative times with {@code clock}. */
  public ReplicateCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    BlockFilter filter;
    ObjstoreConfig toConfig;
    long minTime;
    long maxTime;
    try {
      f = BucketArgs.parse(args, Set.of(TO, TO_FILE, RESOLUTION, COMPACTION, COMPACTION_MIN, COMPACTION_MAX, MATCHER,
          ID, MIN_TIME, MAX_TIME), Set.of(IGNORE_MARKED, SINGLE_RUN), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      if (f.has(TO) == f.has(TO_FILE)) {
        throw new IllegalArgumentException("exactly one of --" + TO + " and --" + TO_FILE + " is required");
      }
      toConfig = ObjstoreConfigLoader.resolve(f.get(TO_FILE, ""), f.get(TO, "")).orElseThrow();
      filter = filter(f);
      minTime = f.has(MIN_TIME) ? TimeOrDuration.parseMillis(f.get(MIN_TIME, ""), clock) : Long.MIN_VALUE;
      maxTime = f.has(MAX_TIME) ? TimeOrDuration.parseMillis(f.get(MAX_TIME, ""), clock) : Long.MAX_VALUE;
    } catch (RuntimeException e) {
      err.println("bucket replicate: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    ToolLog log = new ToolLog(out, clock);
    boolean once = f.bool(SINGLE_RUN, false) || !filter.ids().isEmpty();
    try (Bucket from = BucketArgs.open(f, clock);
        Bucket to = BucketFactory.create(toConfig, new SimpleMeterRegistry(), clock)) {
      Replicator r = new Replicator(from, to, filter, minTime, maxTime, f.bool(IGNORE_MARKED, false), clock, log);
      while (true) {
        log.info("running replication attempt");
        try {
          Replicator.Result res = r.run();
          log.info("replication done", "replicated", res.replicated(), "already_replicated",
              res.alreadyReplicated(), "bytes", res.bytes());
        } catch (Exception e) {
          if (once) {
            throw e;
          }
          log.error("replication failed; retrying", "err", e.getMessage());
        }
        if (once) {
          return 0;
        }
        Thread.sleep(INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      log.error("running command failed", "err", e.getMessage());
      return 1;
    }
  }

  private static BlockFilter filter(ParsedArgs f) {
    List<Matcher> matchers = new ArrayList<>();
    for (String m : f.all(MATCHER)) {
      try {
        matchers.addAll(SelectorParser.parse("{" + m + "}"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parse block label matchers: " + e.getMessage(), e);
      }
    }
    Set<Long> resolutions = new LinkedHashSet<>();
    for (String r : f.all(RESOLUTION).isEmpty() ? List.of("0s", "5m", "1h") : f.all(RESOLUTION)) {
      resolutions.add(PromDuration.parseMillis(r));
    }
    Set<Integer> levels = new LinkedHashSet<>();
    for (String c : f.all(COMPACTION)) {
      levels.add(Integer.parseInt(c));
    }
    if (levels.isEmpty()) {
      int min = Integer.parseInt(f.get(COMPACTION_MIN, "1"));
      int max = Integer.parseInt(f.get(COMPACTION_MAX, "4"));
      if (min > max) {
        throw new IllegalArgumentException("compaction-min must be less than or equal to compaction-max");
      }
      for (int l = min; l <= max; l++) {
        levels.add(l);
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : f.all(ID)) {
      if (!BlockMeta.isUlid(id)) {
        throw new IllegalArgumentException("invalid ULID found in --id flag: " + id);
      }
      ids.add(id);
    }
    return new BlockFilter(matchers, resolutions, levels, ids);
  }
}
