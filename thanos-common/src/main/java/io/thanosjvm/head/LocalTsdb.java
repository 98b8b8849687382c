package io.thanosjvm.head;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.BlockSeries;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.Ulid;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, writable TSDB in Prometheus 2.42's data directory layout: the {@link Head}, its write-ahead log in
 * {@code wal/} (replayed at open) and the blocks cut from it. When the head spans more than 1.5x the block range,
 * [head min time, end of its aligned range) is written as a block, the head truncated there and the WAL
 * checkpointed (Prometheus' head compaction, triggered after commits); blocks further than the retention behind the
 * newest block are deleted. {@link #select} serves blocks and head as one label-sorted series source.
 *
 * <p>Not done here (Prometheus has them): {@code chunks_head/} (head chunks stay in memory, which Prometheus' facts
 * say is optional), the lock file, compaction of blocks into bigger ones (Thanos disables it for receive and ruler
 * as well), snapshots on shutdown, exemplars and native histograms.
 */
public final class LocalTsdb implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalTsdb.class);

  private final Path dir;
  private final TsdbOptions options;
  private final Head head;
  private final HeadWal wal;
  private final CopyOnWriteArrayList<Block> blocks = new CopyOnWriteArrayList<>();
  private final Ulid ulids;
  private final List<BlockListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService compactor;
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final List<BlockMeta> cutInBackground = new ArrayList<>();
  private final Counter compactions;
  private final Counter compactionsFailed;
  private final Counter reloads;
  private final ReplayStats replayed;
  private volatile boolean closed;

  private LocalTsdb(Path dir, TsdbOptions options, InstantSource clock, MeterRegistry registry,
      WalFactory walFactory) throws IOException {
    this.dir = dir;
    this.options = options;
    this.ulids = new Ulid(clock, RandomGenerator.getDefault());
    Files.createDirectories(dir);
    removeLeftovers(dir);
    this.compactions = Counter.builder("prometheus_tsdb_compactions")
        .description("Total number of compactions that were executed for the partition.").register(registry);
    this.compactionsFailed = Counter.builder("prometheus_tsdb_compactions_failed")
        .description("Total number of compactions that failed for the partition.").register(registry);
    this.reloads = Counter.builder("prometheus_tsdb_reloads")
        .description("Number of times the database reloaded block data from disk.").register(registry);
    Gauge.builder("prometheus_tsdb_blocks_loaded", blocks, List::size)
        .description("Number of currently loaded data blocks").register(registry);
    loadBlocks();
    this.wal = walFactory.open(dir, options, registry);
    HeadLog log = wal;
    this.head = new Head(options.head(), clock, registry, log);
    blocks.stream().mapToLong(b -> b.meta().maxTime()).max().ifPresent(head::setMinValidTime);
    try {
      this.replayed = wal.replay(head);
    } catch (IOException | RuntimeException e) {
      wal.close();
      closeBlocks();
      throw e;
    }
    this.compactor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tsdb-compactor-" + dir.getFileName());
      t.setDaemon(true);
      return t;
    });
    head.setAfterCommit(this::afterCommit);
  }

  /** Opens (creating when missing) the TSDB in {@code dir}, replaying its WAL. */
  public static LocalTsdb open(Path dir, TsdbOptions options, InstantSource clock, MeterRegistry registry)
      throws IOException {
    return new LocalTsdb(dir, options, clock, registry, WalFactory.DEFAULT);
  }

  /** How the head's WAL is opened; the seam between the head and {@code tsdb.wlog}. */
  @FunctionalInterface
  interface WalFactory {
    WalFactory NONE = (d, o, r) -> HeadWal.NONE;
    WalFactory DEFAULT = (d, o, r) -> o.walEnabled() ? WalHeadLog.open(d.resolve("wal"), o, r) : HeadWal.NONE;

    HeadWal open(Path dir, TsdbOptions options, MeterRegistry registry) throws IOException;
  }

  private static void removeLeftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && (n.endsWith(".tmp") || n.endsWith(".tmp-for-creation")
            || n.endsWith(".tmp-for-deletion"))) {
          deleteTree(p);
        }
      }
    }
  }

  private void loadBlocks() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(dir)) {
      dirs = s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()))
          .filter(p -> Files.exists(p.resolve(BlockMeta.FILE_NAME))).sorted().toList();
    }
    List<Block> loaded = new ArrayList<>();
    for (Path p : dirs) {
      loaded.add(Block.open(p));
    }
    loaded.sort(Comparator.comparingLong(b -> b.meta().minTime()));
    blocks.addAll(loaded);
    reloads.increment();
  }

  /** The head. */
  public Head head() {
    return head;
  }

  /** The data directory. */
  public Path dir() {
    return dir;
  }

  /** What the WAL replay at open restored. */
  public ReplayStats replayed() {
    return replayed;
  }

  /** Starts an append transaction on the head. */
  public HeadAppender appender() {
    return head.appender();
  }

  /** Registers a listener for cut blocks (e.g. the shipper). */
  public void addBlockListener(BlockListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The loaded blocks by min time. */
  public List<BlockMeta> blocks() {
    return blocks.stream().map(b -> BlockMeta.of(b.meta())).toList();
  }

  /** Whether the head spans more than 1.5x the block range (Prometheus' {@code compactable}). */
  public boolean compactable() {
    long min = head.minTime();
    long max = head.maxTime();
    return min != Long.MAX_VALUE && max != Long.MIN_VALUE && max - min > head.options().chunkRange() / 2 * 3;
  }

  private void afterCommit() {
    if (!closed && compactable() && compactionQueued.compareAndSet(false, true)) {
      compactor.execute(() -> {
        compactionQueued.set(false);
        try {
          compactInBackground();
        } catch (IOException | RuntimeException e) {
          LOG.error("compaction failed", e);
        }
      });
    }
  }

  /**
   * Cuts blocks from the head while it is compactable, truncating head and WAL after each, then applies the
   * retention. Returns the blocks written, including those the background compaction after a commit wrote since
   * the last call (so a caller sees every cut block whichever thread cut it).
   */
  public synchronized List<BlockMeta> compact() throws IOException {
    List<BlockMeta> cut = new ArrayList<>(cutInBackground);
    cutInBackground.clear();
    cut.addAll(cutWhile(this::compactable));
    return cut;
  }

  /** The compaction a commit triggers; what it cuts is also returned by the next {@link #compact()}. */
  private synchronized void compactInBackground() throws IOException {
    cutInBackground.addAll(cutWhile(this::compactable));
    // bounded for TSDBs whose owner never calls compact() (receive): only the most recent are kept
    while (cutInBackground.size() > 64) {
      cutInBackground.remove(0);
    }
  }

  /**
   * Writes everything the head holds into blocks (one per aligned block range), truncating head and WAL after
   * each, as Thanos' receive flushes a tenant before shipping and closing it; then applies the retention. Returns
   * the blocks written.
   */
  public synchronized List<BlockMeta> flush() throws IOException {
    return cutWhile(() -> head.numSeries() > 0 && head.minTime() != Long.MAX_VALUE
        && head.maxTime() >= head.minTime());
  }

  private List<BlockMeta> cutWhile(java.util.function.BooleanSupplier more) throws IOException {
    List<BlockMeta> cut = new ArrayList<>();
    while (!closed && more.getAsBoolean()) {
      long mint = head.minTime();
      long maxt = HeadOptions.rangeForTimestamp(mint, head.options().chunkRange());
      String ulid = ulids.next();
      ThanosMeta thanos = options.externalLabels().isEmpty() ? null
          : ThanosMeta.create(options.externalLabels(), 0, "receive");
      Optional<BlockMeta> meta;
      try {
        meta = HeadBlockWriter.write(head, dir, ulid, mint, maxt, thanos);
      } catch (IOException | RuntimeException e) {
        compactionsFailed.increment();
        throw e;
      }
      compactions.increment();
      if (meta.isPresent()) {
        blocks.add(Block.open(dir.resolve(ulid)));
        blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
        reloads.increment();
        cut.add(meta.get());
      }
      head.truncateMemory(maxt);
      wal.truncate(maxt, head::hasRef);
      if (meta.isPresent()) {
        for (BlockListener l : listeners) {
          try {
            l.blockCut(dir.resolve(ulid), meta.get());
          } catch (Exception e) {
            LOG.warn("block listener failed for {}", ulid, e);
          }
        }
      }
    }
    applyRetention();
    return cut;
  }

  /** Deletes blocks whose max time is more than the retention behind the newest block's (Prometheus' rule). */
  public synchronized List<String> applyRetention() throws IOException {
    List<String> deleted = new ArrayList<>();
    long retention = options.retention().toMillis();
    if (retention == 0 || blocks.isEmpty()) {
      return deleted;
    }
    long newest = blocks.stream().mapToLong(b -> b.meta().maxTime()).max().getAsLong();
    for (Block b : List.copyOf(blocks)) {
      if (newest - b.meta().maxTime() > retention) {
        blocks.remove(b);
        b.close();
        Path gone = dir.resolve(b.meta().ulid() + ".tmp-for-deletion");
        Files.move(b.dir(), gone);
        deleteTree(gone);
        deleted.add(b.meta().ulid());
      }
    }
    if (!deleted.isEmpty()) {
      reloads.increment();
    }
    return deleted;
  }

  /**
   * The series matching every matcher with samples in [mint, maxt] (closed), from the blocks and the head,
   * label-sorted and merged.
   */
  public Iterator<StoredSeries> select(long mint, long maxt, List<Matcher> matchers) {
    TimeRange range = new TimeRange(mint, maxt);
    List<Iterator<StoredSeries>> its = new ArrayList<>();
    for (Block b : blocks) {
      if (b.overlaps(range)) {
        Iterator<BlockSeries> it = b.select(range, matchers);
        its.add(new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public StoredSeries next() {
            BlockSeries s = it.next();
            return new StoredSeries() {
              @Override
              public Labels labels() {
                return s.labels();
              }

              @Override
              public SampleIterator iterator() {
                return s.iterator();
              }
            };
          }
        });
      }
    }
    if (head.maxTime() >= mint && head.minTime() <= maxt) {
      its.add(head.select(mint, maxt, matchers).iterator());
    }
    return SeriesMerge.of(its);
  }

  /** Sorted label names over head and blocks. */
  public List<String> labelNames() {
    TreeSet<String> names = new TreeSet<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
    names.addAll(head.labelNames());
    for (Block b : blocks) {
      names.addAll(b.index().labelNames());
    }
    return List.copyOf(names);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    compactor.shutdown();
    try {
      compactor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        wal.close();
      } finally {
        closeBlocks();
      }
    }
  }

  private void closeBlocks() throws IOException {
    for (Block b : blocks) {
      b.close();
    }
    blocks.clear();
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }
}
