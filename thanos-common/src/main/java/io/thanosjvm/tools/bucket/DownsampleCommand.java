package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.TransferOptions;
import io.thanosjvm.block.fetcher.DeduplicateFilter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MarkerReportFilter;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.compact.lifecycle.DownsamplePass;
import io.thanosjvm.compact.lifecycle.LifecycleListener;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tools.logfmt.ToolLog;
import io.thanosjvm.tsdb.Ulid;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket downsample [--data-dir=./data] [--downsample.concurrency=1] [--block-files-concurrency=1]
 * [--hash-func=]}: one run of Thanos' standalone downsampler with the compactor's own pass ({@link
 * DownsamplePass}): the bucket's blocks (duplicates hidden, no-downsample marks honoured) are downsampled raw → 5m,
 * then, after a fresh listing, 5m → 1h; each new block is uploaded meta.json last. Thanos repeats this every {@code
 * --wait-interval}; this command runs once (schedule it, or run the compactor, for more).
 */
public final class DownsampleCommand {

  private static final String USAGE = """
      usage: bucket downsample (--objstore.config-file=<file> | --objstore.config=<yaml>) [--data-dir=./data]
                               [--downsample.concurrency=1] [--block-files-concurrency=1] [--hash-func=|SHA256]
      """;

  private final Clock clock;

  /** A command stamping new blocks with {@code clock}. */
  public DownsampleCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    int concurrency;
    TransferOptions transfers;
    Path dataDir;
    try {
      f = BucketArgs.parse(args, Set.of(FlagNames.DATA_DIR, FlagNames.DOWNSAMPLE_CONCURRENCY,
          FlagNames.BLOCK_FILES_CONCURRENCY, FlagNames.HASH_FUNC), Set.of(), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      concurrency = Integer.parseInt(f.get(FlagNames.DOWNSAMPLE_CONCURRENCY, "1"));
      transfers = new TransferOptions(Integer.parseInt(f.get(FlagNames.BLOCK_FILES_CONCURRENCY, "1")),
          HashFunc.parse(f.get(FlagNames.HASH_FUNC, "")));
      dataDir = Path.of(f.get(FlagNames.DATA_DIR, "./data"));
    } catch (RuntimeException e) {
      err.println("bucket downsample: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    ToolLog log = new ToolLog(out, clock);
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      MarkerReportFilter noDownsample = new MarkerReportFilter(new Markers(bucket, clock), MarkerKind.NO_DOWNSAMPLE);
      MetaFetcher fetcher = new MetaFetcher(bucket, 32, List.of(new DeduplicateFilter(), noDownsample),
          new FetcherMetrics(new SimpleMeterRegistry()));
      DownsamplePass pass = new DownsamplePass(bucket, dataDir.resolve("downsample"), concurrency, transfers, clock,
          new Ulid(clock, new SecureRandom()), LifecycleListener.NONE);
      int made = 0;
      for (String which : List.of("first", "second")) {
        log.info("start " + which + " pass of downsampling");
        Map<String, BlockMeta> metas = fetcher.fetch().metas();
        for (BlockMeta m : pass.run(metas.values(), noDownsample.marks().keySet())) {
          made++;
          log.info("downsampled block", "id", m.ulid(), "resolution",
              m.thanos().orElseThrow().resolution(), "sources", m.sources().size());
        }
      }
      log.info("downsampling done", "new_blocks", made);
      return 0;
    } catch (Exception e) {
      log.error("running command failed", "err", "downsampling failed: " + e.getMessage());
      return 1;
    }
  }
}
