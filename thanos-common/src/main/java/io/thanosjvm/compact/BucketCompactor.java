package io.thanosjvm.compact;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.ConsistencyDelayFilter;
import io.thanosjvm.block.fetcher.DeletionMarkFilter;
import io.thanosjvm.block.fetcher.FetchResult;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.LabelShardingFilter;
import io.thanosjvm.block.fetcher.MarkerReportFilter;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.fetcher.TimeFilter;
import io.thanosjvm.compact.rewrite.DeletionApplier;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.compact.lifecycle.DeletionCleaner;
import io.thanosjvm.compact.lifecycle.DownsamplePass;
import io.thanosjvm.compact.lifecycle.DuplicateCollector;
import io.thanosjvm.compact.lifecycle.LifecycleListener;
import io.thanosjvm.compact.lifecycle.PartialUploadCleaner;
import io.thanosjvm.compact.lifecycle.RetentionPolicy;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Thanos' compactor over one bucket. One {@link #runIteration()} syncs the block metas (consistency delay, deletion
 * marks older than half the delete delay, time and relabel filters, duplicates, no-compact and no-downsample marks),
 * marks blocks superseded by others for deletion, compacts every group until none has work ({@link GroupCompaction},
 * {@code compactConcurrency} groups at a time), downsamples raw blocks to 5m and, after a re-sync, 5m blocks to 1h,
 * applies retention and finally cleans up ({@link #cleanUp()}). A {@link HaltException} sets {@code
 * thanos_compact_halted} to 1 and makes every later iteration do nothing (or is rethrown when {@code
 * --debug.halt-on-error} is off); any other error ends the iteration, is counted in {@code
 * thanos_compact_retries_total} and the next iteration starts over. Safe to call {@link #cleanUp()} from another
 * thread while an iteration runs (cleanups are serialised, as in Thanos).
 */
public final class BucketCompactor {

  private static final System.Logger LOG = System.getLogger(BucketCompactor.class.getName());

  private final Bucket bucket;
  private final CompactorSettings settings;
  private final Clock clock;
  private final CompactorMetrics metrics;
  private final Markers markers;
  private final Grouper grouper;
  private final GroupCompaction groupCompaction;
  private final CompactionProgress progress;
  private final RetentionPolicy retention;
  private final DownsamplePass downsamplePass;
  private final MetaFetcher fetcher;
  private final DeletionApplier deletions;
  private final DeletionMarkFilter deletionMarks;
  private final DuplicateCollector duplicates = new DuplicateCollector();
  private final MarkerReportFilter noCompactMarks;
  private final MarkerReportFilter noDownsampleMarks;
  private final LifecycleListener listener;
  private final Object iterationLock = new Object();
  private final Object syncLock = new Object();
  private final Object cleanupLock = new Object();
  private final AtomicBoolean halted = new AtomicBoolean();

  /**
   * A compactor.
   *
   * @param bucket the bucket holding the blocks (the compactor is its only deleter)
   * @param settings the validated flags
   * @param groupCompactor merges the blocks of one plan into one block
   * @param clock the only time source: consistency delay, marks, retention, delete delay, upload times, ULIDs
   * @param registry receives the {@code thanos_compact_*} and {@code thanos_blocks_meta_*} metrics
   */
  public BucketCompactor(Bucket bucket, CompactorSettings settings, GroupCompactor groupCompactor, Clock clock,
      MeterRegistry registry) {
    this.bucket = bucket;
    this.settings = settings;
    this.clock = clock;
    this.metrics = new CompactorMetrics(registry, settings.deleteDelay());
    this.markers = new Markers(bucket, clock);
    this.grouper = new Grouper(settings.replicaLabels());
    this.listener = new MetricsListener(metrics);
    Ulid ulids = new Ulid(clock, new SecureRandom());
    PlannerConfig plannerConfig = settings.plannerConfig();
    Planner planner = new Planner(plannerConfig, id -> bucket.attributes(id + "/index").size());
    this.groupCompaction = new GroupCompaction(bucket, planner, groupCompactor, markers, clock, ulids, metrics,
        settings);
    this.retention = new RetentionPolicy(settings.retentionRaw(), settings.retention5m(), settings.retention1h(),
        clock);
    this.progress = new CompactionProgress(grouper, plannerConfig, retention);
    this.downsamplePass = new DownsamplePass(bucket, settings.downsampleDir(), settings.downsampleConcurrency(),
        settings.transferOptions(), clock, ulids, listener);
    this.deletionMarks = new DeletionMarkFilter(markers, settings.deleteDelay().dividedBy(2), clock);
    this.noCompactMarks = new MarkerReportFilter(markers, MarkerKind.NO_COMPACT);
    this.noDownsampleMarks = new MarkerReportFilter(markers, MarkerKind.NO_DOWNSAMPLE);
    List<MetaFilter> filters = new ArrayList<>(List.of(new TimeFilter(settings.minTime(), settings.maxTime()),
        new LabelShardingFilter(settings.relabelConfigs()),
        new ConsistencyDelayFilter(settings.consistencyDelay(), clock), deletionMarks,
        DeletionApplier.replacedFilter(deletionMarks), duplicates, noCompactMarks));
    if (!settings.downsamplingDisabled()) {
      filters.add(noDownsampleMarks);
    }
    this.fetcher = new MetaFetcher(bucket, settings.metaFetchConcurrency(), filters, new FetcherMetrics(registry));
    this.deletions = new DeletionApplier(bucket, settings.dataDir().resolve("deletions"), clock, registry,
        settings.metaFetchConcurrency(), List.of(new TimeFilter(settings.minTime(), settings.maxTime()),
            new LabelShardingFilter(settings.relabelConfigs())));
  }

  /** The compactor's metrics. */
  public CompactorMetrics metrics() {
    return metrics;
  }

  /** Whether a halt error stopped the compactor (it then does nothing until restarted). */
  public boolean halted() {
    return halted.get();
  }

  /**
   * Runs one iteration: compaction, two downsampling passes, retention and cleanup. Never throws for errors of the
   * bucket or the blocks; the result says how it ended.
   *
   * @throws HaltException only when {@code --debug.halt-on-error} is off and a halt error occurred
   */
  public IterationResult runIteration() {
    synchronized (iterationLock) {
      if (halted.get()) {
        return new IterationResult(IterationResult.Outcome.SKIPPED_HALTED, 0, 0, 0, 0, Optional.empty());
      }
      int[] done = new int[4];
      try {
        deletions.apply();
        done[0] = compactUntilDone();
        if (!settings.downsamplingDisabled()) {
          done[1] += downsample();
          done[1] += downsample();
        }
        Snapshot s = sync();
        done[2] = retention.apply(s.result().metas().values(), markers, listener);
        done[3] = cleanUp().size();
        updateProgress(sync());
        metrics.iterationSucceeded();
        return new IterationResult(IterationResult.Outcome.COMPLETED, done[0], done[1], done[2], done[3],
            Optional.empty());
      } catch (HaltException e) {
        LOG.log(System.Logger.Level.ERROR, "critical error detected; halting: " + e.getMessage() + " (blocks "
            + e.blockIds() + ")");
        if (!settings.haltOnError()) {
          throw e;
        }
        halted.set(true);
        metrics.setHalted(true);
        return new IterationResult(IterationResult.Outcome.HALTED, done[0], done[1], done[2], done[3],
            Optional.of(e));
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "retriable error; the next iteration starts over: " + e, e);
        metrics.retried();
        return new IterationResult(IterationResult.Outcome.RETRY, done[0], done[1], done[2], done[3],
            Optional.of(e));
      }
    }
  }

  /**
   * Deletes blocks whose deletion mark is older than {@code --delete-delay} (meta.json first, the mark last; a
   * deletion cut short is finished by a later call) and aborted partial uploads older than 48h. The app calls it
   * every {@code --compact.cleanup-interval}; each iteration also ends with it. Runs even when halted (it only
   * removes blocks already marked), as Thanos' cleanup loop does.
   *
   * @return the ULIDs deleted
   * @throws IOException when the bucket fails (counted in {@code thanos_compact_retries_total})
   */
  public List<String> cleanUp() throws IOException {
    synchronized (cleanupLock) {
      try {
        Snapshot s = sync();
        List<String> partial = new ArrayList<>(s.result().partial().keySet());
        List<String> deleted = new ArrayList<>(new PartialUploadCleaner(bucket, markers, clock, listener).clean(partial));
        partial.removeAll(deleted);
        deleted.addAll(new DeletionCleaner(bucket, markers, settings.deleteDelay(), clock, listener)
            .clean(s.deletionMarks(), partial));
        metrics.cleanupLoopDone();
        return deleted;
      } catch (IOException | RuntimeException e) {
        metrics.retried();
        throw e;
      }
    }
  }

  /**
   * Syncs and recomputes the {@code thanos_compact_todo_*} gauges without doing any work (the app may call it every
   * {@code --compact.progress-interval}).
   */
  public CompactorMetrics.Progress updateProgress() throws IOException {
    return updateProgress(sync());
  }

  private CompactorMetrics.Progress updateProgress(Snapshot s) throws IOException {
    CompactorMetrics.Progress p = progress.compute(s.result().metas().values(), s.noCompact(), s.noDownsample(),
        !settings.downsamplingDisabled());
    metrics.setProgress(p);
    return p;
  }

  /** The fetcher's view and the marks its filters saw, taken together. */
  private record Snapshot(FetchResult result, Map<String, io.thanosjvm.block.metadata.Marker> deletionMarks,
      Set<String> duplicates, Set<String> noCompact, Set<String> noDownsample) {}

  private Snapshot sync() throws IOException {
    synchronized (syncLock) {
      FetchResult r = fetcher.fetch();
      return new Snapshot(r, deletionMarks.deletionMarks(), duplicates.duplicates(), noCompactMarks.marks().keySet(),
          settings.downsamplingDisabled() ? Set.of() : noDownsampleMarks.marks().keySet());
    }
  }

  /** Compaction passes until no group compacted anything; returns the number of compactions. */
  private int compactUntilDone() throws IOException {
    int compactions = 0;
    while (true) {
      Snapshot s = sync();
      List<String> collected = duplicates.collect(s.duplicates(), s.deletionMarks().keySet(), markers, listener);
      collected.forEach(id -> metrics.garbageCollected());
      Map<String, BlockMeta> metas = new TreeMap<>(s.result().metas());
      DirTrees.delete(settings.compactDir());
      List<CompactionGroup> groups = new ArrayList<>();
      for (CompactionGroup g : grouper.groups(metas.values())) {
        if (g.metasByMinTime().size() > 1) {
          groups.add(g);
        }
      }
      int done = new GroupRunner(settings.compactConcurrency()).runAll(groups,
          g -> groupCompaction.run(g, s.noCompact()));
      compactions += done;
      if (done == 0) {
        return compactions;
      }
    }
  }

  private int downsample() throws IOException {
    Snapshot s = sync();
    return downsamplePass.run(s.result().metas().values(), s.noDownsample()).size();
  }

  /** Turns lifecycle events into metrics. */
  private record MetricsListener(CompactorMetrics metrics) implements LifecycleListener {

    @Override
    public void blockMarked(String blockId, MarkerKind kind, String reason) {
      metrics.blockMarked(kind, reason, 1);
    }

    @Override
    public void blockCleaned(String blockId) {
      metrics.blockCleaned();
    }

    @Override
    public void blockCleanupFailed(String blockId, Exception error) {
      metrics.blockCleanupFailed();
    }

    @Override
    public void partialUploadDeletionAttempt(String blockId) {
      metrics.partialUploadDeletionAttempt();
    }

    @Override
    public void downsampled(BlockMeta source, boolean failed) {
      long res = source.thanos().map(t -> t.resolution()).orElse(0L);
      Map<String, String> labels = source.thanos().map(t -> t.labels()).orElse(Map.of());
      metrics.downsampled(GroupKey.of(res, labels), failed);
    }
  }
}
