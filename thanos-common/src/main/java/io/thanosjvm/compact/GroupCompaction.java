package io.thanosjvm.compact;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.InvalidBlockException;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.ParallelIo;
import io.thanosjvm.block.TransferOptions;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.compact.downsample.BlockDownsampler;
import io.thanosjvm.compact.lifecycle.BlockVerifier;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one planning-and-compaction step of a group, Thanos' {@code Group.Compact}: plan (writing the planner's
 * no-compact marks), download the planned blocks to {@code <compactDir>/<group key>/}, verify them (an unhealthy
 * input halts), compact with the {@link GroupCompactor} (a failure halts), verify the result and that it overlaps
 * no other block of the group (unless vertical compaction is on; both halt), upload it (meta.json last) and only
 * then mark the planned blocks for deletion. Upload and marking failures are retriable: the sources stay intact
 * and a result already uploaded hides them through the deduplication filter until garbage collection marks them.
 */
final class GroupCompaction {

  private static final System.Logger LOG = System.getLogger(GroupCompaction.class.getName());

  private final Bucket bucket;
  private final Planner planner;
  private final GroupCompactor compactor;
  private final Markers markers;
  private final Clock clock;
  private final Ulid ulids;
  private final CompactorMetrics metrics;
  private final Path compactDir;
  private final boolean verticalCompaction;
  private final boolean skipOutOfOrderChunks;
  private final int blocksFetchConcurrency;
  private final TransferOptions transfers;

  /** Thanos' no-compact reason for blocks with out-of-order chunks. */
  static final String OUT_OF_ORDER_REASON = "block-index-out-of-order-chunk";

  GroupCompaction(Bucket bucket, Planner planner, GroupCompactor compactor, Markers markers, Clock clock, Ulid ulids,
      CompactorMetrics metrics, CompactorSettings settings) {
    this.compactDir = settings.compactDir();
    this.verticalCompaction = settings.verticalCompactionEnabled();
    this.skipOutOfOrderChunks = settings.skipOutOfOrderChunks();
    this.blocksFetchConcurrency = settings.blocksFetchConcurrency();
    this.transfers = settings.transferOptions();
    this.bucket = bucket;
    this.planner = planner;
    this.compactor = compactor;
    this.markers = markers;
    this.clock = clock;
    this.ulids = ulids;
    this.metrics = metrics;
  }

  /**
   * Plans and, when there is work, compacts once.
   *
   * @return whether a compaction happened (the group may have more work)
   */
  boolean run(CompactionGroup group, Set<String> noCompact) throws IOException {
    metrics.compactionRunStarted(group.resolution());
    try {
      boolean compacted = planAndCompact(group, noCompact);
      metrics.compactionRunCompleted(group.resolution());
      return compacted;
    } catch (IOException | RuntimeException e) {
      metrics.compactionFailed(group.resolution());
      throw e;
    }
  }

  private boolean planAndCompact(CompactionGroup group, Set<String> noCompact) throws IOException {
    PlanResult plan = planner.plan(group, noCompact);
    for (NoCompactRequest r : plan.newNoCompactMarks()) {
      if (markers.mark(r.blockId(), MarkerKind.NO_COMPACT, r.details(), r.reason())) {
        metrics.blockMarked(MarkerKind.NO_COMPACT, r.reason(), 1);
      }
    }
    if (plan instanceof PlanResult.Halt h) {
      throw h.error();
    }
    if (!(plan instanceof PlanResult.Compact c)) {
      return false;
    }
    Path groupDir = compactDir.resolve(group.key());
    DirTrees.delete(groupDir);
    Files.createDirectories(groupDir);
    List<Path> dirs;
    try {
      dirs = download(c, groupDir);
    } catch (SkippedBlock e) {
      // marked no-compact: plan again without it
      DirTrees.delete(groupDir);
      Set<String> more = new HashSet<>(noCompact);
      more.add(e.blockId);
      return planAndCompact(group, more);
    }
    String id = ulids.next();
    BlockMeta result;
    try {
      result = compactor.compact(group, dirs, groupDir, id);
    } catch (HaltException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new HaltException("compact blocks " + c.blockIds() + " of group " + group.key() + ": " + e.getMessage()
          + "; inspect the blocks (they are left in " + groupDir + ") and mark the broken one no-compact",
          c.blockIds());
    }
    if (result == null || result.deletable()) {
      // every sample of the inputs was deleted (tombstones): no block, the sources go
      markEmptySources(c);
      DirTrees.delete(groupDir);
      return true;
    }
    Path out = groupDir.resolve(result.ulid());
    verifyResult(group, c, out);
    transfers.uploader(bucket, clock).upload(out,
        new UploadOptions(group.labels(), BlockDownsampler.SOURCE_COMPACTOR, group.resolution(), false));
    LOG.log(System.Logger.Level.INFO, "group " + group.key() + ": compacted " + c.blockIds() + " into "
        + result.ulid());
    for (BlockMeta m : c.blocks()) {
      if (markers.mark(m.ulid(), MarkerKind.DELETION, "source of compacted block", null)) {
        metrics.blockMarked(MarkerKind.DELETION, "", 1);
      }
      metrics.garbageCollected();
    }
    metrics.compacted(group.resolution(), c.vertical());
    DirTrees.delete(groupDir);
    return true;
  }

  /**
   * Downloads and verifies the planned blocks.
   *
   * @throws SkippedBlock when one with out-of-order chunks was marked no-compact instead of halting
   *     ({@code --compact.skip-block-with-out-of-order-chunks})
   */
  private List<Path> download(PlanResult.Compact c, Path groupDir) throws IOException {
    BlockDownloader downloader = transfers.downloader(bucket);
    List<ParallelIo.IoTask> fetches = new ArrayList<>();
    for (BlockMeta m : c.blocks()) {
      fetches.add(() -> downloader.download(m.ulid(), groupDir));
    }
    ParallelIo.runAll(fetches, blocksFetchConcurrency);
    List<Path> dirs = new ArrayList<>();
    for (BlockMeta m : c.blocks()) {
      Path dir = groupDir.resolve(m.ulid());
      try {
        BlockVerifier.verify(dir);
      } catch (InvalidBlockException e) {
        if (skipOutOfOrderChunks && e.getMessage().contains(BlockVerifier.OUT_OF_ORDER_CHUNKS)) {
          LOG.log(System.Logger.Level.WARNING, "block " + m.ulid() + " has out-of-order chunks; marking it"
              + " no-compact (--" + FlagNames.COMPACT_SKIP_OUT_OF_ORDER_CHUNKS + "): " + e.getMessage());
          if (markers.mark(m.ulid(), MarkerKind.NO_COMPACT, e.getMessage(), OUT_OF_ORDER_REASON)) {
            metrics.blockMarked(MarkerKind.NO_COMPACT, OUT_OF_ORDER_REASON, 1);
          }
          throw new SkippedBlock(m.ulid());
        }
        throw new HaltException("block with not healthy index found " + dir + "; compaction level "
            + m.compactionLevel() + ": " + e.getMessage() + "; mark the block no-compact or for deletion",
            List.of(m.ulid()));
      }
      dirs.add(dir);
    }
    return dirs;
  }

  private void verifyResult(CompactionGroup group, PlanResult.Compact c, Path out) throws IOException {
    BlockMeta meta;
    try {
      meta = BlockVerifier.verify(out);
    } catch (InvalidBlockException e) {
      throw new HaltException("invalid result block " + out + ": " + e.getMessage(), c.blockIds());
    }
    if (verticalCompaction) {
      return;
    }
    Set<String> planned = new HashSet<>(c.blockIds());
    for (BlockMeta other : group.metasByMinTime()) {
      if (!planned.contains(other.ulid()) && other.minTime() < meta.maxTime() && meta.minTime() < other.maxTime()) {
        throw new HaltException("resulted compacted block " + out + " [" + meta.minTime() + ", " + meta.maxTime()
            + ") overlaps with block " + other.ulid() + " [" + other.minTime() + ", " + other.maxTime() + ")",
            List.of(meta.ulid(), other.ulid()));
      }
    }
  }

  /**
   * The compaction result is empty (every sample of the inputs deleted): no block is uploaded and all sources are
   * marked for deletion, as Thanos does.
   */
  private void markEmptySources(PlanResult.Compact c) throws IOException {
    for (BlockMeta m : c.blocks()) {
      if (markers.mark(m.ulid(), MarkerKind.DELETION, "source of empty compacted block", null)) {
        metrics.blockMarked(MarkerKind.DELETION, "", 1);
      }
    }
  }

  /** A planned block was marked no-compact as unhealthy; the group is planned again without it. */
  private static final class SkippedBlock extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String blockId;

    SkippedBlock(String blockId) {
      super(blockId, null, false, false);
      this.blockId = blockId;
    }
  }
}
