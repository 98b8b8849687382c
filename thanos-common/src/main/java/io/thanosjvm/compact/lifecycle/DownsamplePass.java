package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.TransferOptions;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.downsample.BlockDownsampler;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One downsampling pass over the bucket, as Thanos' compactor runs it twice per iteration: raw blocks spanning at
 * least 40h are downsampled to 5m and 5m blocks spanning at least 10 days to 1h, unless every source block of
 * theirs is already covered by a block of the target resolution or they carry a no-downsample mark. Each
 * selected block is downloaded to the working directory, downsampled ({@link BlockDownsampler}), verified and
 * uploaded (meta.json last) with source {@code compactor}; blocks are processed in ULID order by up to
 * {@code concurrency} workers, and dispatching stops at the first failure.
 */
public final class DownsamplePass {

  /** Raw resolution. */
  public static final long RES_RAW = 0;
  /** 5 minutes resolution in ms. */
  public static final long RES_5M = 300_000L;
  /** 1 hour resolution in ms. */
  public static final long RES_1H = 3_600_000L;
  /** Minimum span of a raw block to be downsampled (40h). */
  public static final long RAW_RANGE = 40 * 3_600_000L;
  /** Minimum span of a 5m block to be downsampled (10 days). */
  public static final long FIVE_MIN_RANGE = 10 * 24 * 3_600_000L;

  private final Bucket bucket;
  private final Path workDir;
  private final int concurrency;
  private final TransferOptions transfers;
  private final Clock clock;
  private final Ulid ulids;
  private final LifecycleListener listener;

  /**
   * A pass.
   *
   * @param workDir local directory for downloads and outputs (emptied first)
   * @param concurrency blocks downsampled in parallel ({@code --downsample.concurrency})
   * @param transfers file concurrency and hash function of downloads and uploads
   * @param clock stamps upload times
   * @param ulids makes the new blocks' ULIDs
   */
  public DownsamplePass(Bucket bucket, Path workDir, int concurrency, TransferOptions transfers, Clock clock,
      Ulid ulids, LifecycleListener listener) {
    if (concurrency <= 0) {
      throw new IllegalArgumentException("downsample concurrency must be > 0, got " + concurrency);
    }
    this.transfers = Objects.requireNonNull(transfers, "transfers");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.concurrency = concurrency;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ulids = Objects.requireNonNull(ulids, "ulids");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * The blocks this pass would downsample, in ULID order.
   *
   * @param metas the visible blocks
   * @param noDownsample ULIDs carrying a no-downsample mark
   */
  public static List<BlockMeta> candidates(Collection<BlockMeta> metas, Set<String> noDownsample) {
    Set<String> sources5m = new HashSet<>();
    Set<String> sources1h = new HashSet<>();
    for (BlockMeta m : metas) {
      long res = resolution(m);
      if (res == RES_5M) {
        sources5m.addAll(m.sources());
      } else if (res == RES_1H) {
        sources1h.addAll(m.sources());
      }
    }
    List<BlockMeta> out = new ArrayList<>();
    for (BlockMeta m : metas) {
      if (noDownsample.contains(m.ulid())) {
        continue;
      }
      long res = resolution(m);
      long span = m.maxTime() - m.minTime();
      boolean due = res == RES_RAW ? span >= RAW_RANGE && !sources5m.containsAll(m.sources())
          : res == RES_5M && span >= FIVE_MIN_RANGE && !sources1h.containsAll(m.sources());
      if (due) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(BlockMeta::ulid));
    return out;
  }

  private static long resolution(BlockMeta m) {
    return m.thanos().map(ThanosMeta::resolution).orElse(0L);
  }

  /**
   * Runs the pass.
   *
   * @return the metas of the uploaded downsampled blocks
   * @throws IOException the first failure (other blocks already dispatched still finish)
   */
  public List<BlockMeta> run(Collection<BlockMeta> metas, Set<String> noDownsample) throws IOException {
    List<BlockMeta> todo = candidates(metas, noDownsample);
    DirTrees.delete(workDir);
    Files.createDirectories(workDir);
    if (todo.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, todo.size()), r -> {
      Thread t = new Thread(r, "downsample");
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<BlockMeta>> futures = new ArrayList<>();
    try {
      for (BlockMeta m : todo) {
        futures.add(pool.submit(() -> failed.get() ? null : downsampleOne(m, failed)));
      }
      List<BlockMeta> out = new ArrayList<>();
      IOException first = null;
      for (Future<BlockMeta> f : futures) {
        try {
          BlockMeta r = f.get();
          if (r != null) {
            out.add(r);
          }
        } catch (ExecutionException e) {
          IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause().getMessage(),
              e.getCause());
          if (first == null) {
            first = io;
          } else {
            first.addSuppressed(io);
          }
        }
      }
      if (first != null) {
        throw first;
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downsampling", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private BlockMeta downsampleOne(BlockMeta m, AtomicBoolean failed) throws IOException {
    long target = resolution(m) == RES_RAW ? RES_5M : RES_1H;
    Path in = workDir.resolve(m.ulid());
    String id = ulids.next();
    try {
      transfers.downloader(bucket).download(m.ulid(), workDir);
      BlockVerifier.verify(in);
      new BlockDownsampler().downsampleBlock(in, workDir, target, id);
      Path out = workDir.resolve(id);
      BlockVerifier.verify(out);
      Map<String, String> labels = m.thanos().map(ThanosMeta::labels).orElse(Map.of());
      BlockMeta uploaded = transfers.uploader(bucket, clock).upload(out,
          new UploadOptions(labels, BlockDownsampler.SOURCE_COMPACTOR, target, false));
      listener.downsampled(m, false);
      DirTrees.delete(in);
      DirTrees.delete(out);
      return uploaded;
    } catch (IOException | RuntimeException e) {
      failed.set(true);
      listener.downsampled(m, true);
      throw new IOException("downsampling block " + m.ulid() + " to resolution " + target + ": " + e.getMessage(), e);
    }
  }
}
