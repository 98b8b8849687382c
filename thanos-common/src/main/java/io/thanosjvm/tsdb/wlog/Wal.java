package io.thanosjvm.tsdb.wlog;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.tsdb.encoding.Crc32c;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xerial.snappy.Snappy;

/**
 * A write-ahead log in Prometheus 2.42's format ({@code tsdb/wlog.WL}), byte-compatible with it in both
 * directions.
 *
 * <p>Writing: each {@link #log} call appends its records (snappy-compressed when that is shorter and compression
 * is on), split into fragments that never cross a 32 KiB page; a page with fewer than 7 free bytes is zero-padded
 * and written; at the end of every call the partly filled page is written too (not padded), so a crash loses at
 * most a call in progress. A record that does not fit the rest of the segment starts a new segment (a record
 * larger than a whole segment gets a segment of its own, longer than the size). A completed segment is padded to
 * the page, fsynced (when {@link WalOptions#fsync()}) and closed.
 *
 * <p>Opening ({@link #open}): leftover {@code checkpoint.*.tmp} directories are deleted; the last non-empty
 * segment is read through, and if it has a torn or corrupt tail the WAL is repaired as Prometheus does (segments
 * after it deleted, it cut back to its last intact record and zero-padded to the page) and
 * {@code prometheus_tsdb_wal_corruptions_total} counted, so a crash never turns into a crash loop; then, like
 * Prometheus on every start, a new empty segment numbered last+1 is opened for writing. Corruption found later by
 * a replay of older segments is handed to {@link #repair}.
 *
 * <p>All methods are thread-safe (one lock, as Prometheus).
 */
public final class Wal implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Wal.class.getName());
  private static final int PAGE = WalOptions.PAGE_SIZE;

  private final Path dir;
  private final WalOptions options;
  private final WalMetrics metrics;
  private final byte[] page = new byte[PAGE];
  private int alloc;
  private int flushed;
  private int donePages;
  private FileChannel segment;
  private int segmentIndex;
  private byte[] snappyBuf = new byte[0];
  private boolean closed;

  private Wal(Path dir, WalOptions options, WalMetrics metrics) {
    this.dir = dir;
    this.options = options;
    this.metrics = metrics;
  }

  /** Opens (or creates) the WAL in {@code dir}, with its meters registered in {@code registry}. */
  public static Wal open(Path dir, WalOptions options, MeterRegistry registry) throws IOException {
    return open(dir, options, new WalMetrics(registry));
  }

  /**
   * Opens (or creates) the WAL in {@code dir}: repairs a torn or corrupt tail of the last segment, then opens a new
   * segment for writing.
   */
  public static Wal open(Path dir, WalOptions options, WalMetrics metrics) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    Files.createDirectories(dir);
    Checkpoint.deleteTemporary(dir);
    Wal wal = new Wal(dir, options, metrics);
    SegmentRange range = Segments.range(dir);
    int next = 0;
    if (!range.isEmpty()) {
      int last = range.last();
      while (last > range.first() && Files.size(Segments.path(dir, last)) == 0) {
        last--;
      }
      try (WalReader r = WalReader.segments(dir, last, last)) {
        while (r.next()) {
          // read through: only the framing is checked here
        }
        next = range.last() + 1;
      } catch (WalCorruptionException e) {
        metrics.corruption();
        LOG.log(System.Logger.Level.WARNING, "Encountered WAL read error, attempting repair: " + e.getMessage());
        repairSegments(dir, e, options.fsync());
        next = e.segment() + 1;
      }
    }
    wal.setSegment(next);
    return wal;
  }

  /**
   * Opens a new WAL writer in an empty directory (no repair): the writer of a checkpoint.
   */
  static Wal create(Path dir, WalOptions options, WalMetrics metrics) throws IOException {
    Files.createDirectories(dir);
    Wal wal = new Wal(dir, options, metrics);
    SegmentRange range = Segments.range(dir);
    wal.setSegment(range.isEmpty() ? 0 : range.last() + 1);
    return wal;
  }

  /** The WAL directory. */
  public Path dir() {
    return dir;
  }

  /** The options. */
  public WalOptions options() {
    return options;
  }

  /** The meters. */
  public WalMetrics metrics() {
    return metrics;
  }

  /**
   * Appends records in order; they are written together, and the partly filled page is written at the end of the
   * call. An empty record is legal (a zero-length fragment).
   *
   * @throws IOException if writing fails ({@code prometheus_tsdb_wal_writes_failed_total} counted)
   */
  public synchronized void log(byte[]... records) throws IOException {
    ensureOpen();
    for (int i = 0; i < records.length; i++) {
      try {
        logOne(records[i], i == records.length - 1);
      } catch (IOException | RuntimeException e) {
        metrics.writeFailed();
        throw e;
      }
    }
  }

  /** Same as {@link #log(byte[]...)} for a list. */
  public void log(List<byte[]> records) throws IOException {
    log(records.toArray(new byte[0][]));
  }

  private boolean pageFull() {
    return PAGE - alloc < Fragments.HEADER_SIZE;
  }

  private int pagesPerSegment() {
    return options.segmentSize() / PAGE;
  }

  private void logOne(byte[] rec, boolean last) throws IOException {
    if (pageFull()) {
      flushPage(true);
    }
    byte[] data = rec;
    int len = rec.length;
    boolean compressed = false;
    if (options.compress() && len > 0) {
      int max = Snappy.maxCompressedLength(len);
      if (snappyBuf.length < max) {
        snappyBuf = new byte[max];
      }
      int n = Snappy.compress(rec, 0, len, snappyBuf, 0);
      if (n < len) {
        data = snappyBuf;
        len = n;
        compressed = true;
      }
    }
    long left = (PAGE - alloc) - Fragments.HEADER_SIZE;
    left += (long) (PAGE - Fragments.HEADER_SIZE) * (pagesPerSegment() - donePages - 1);
    if (len > left) {
      nextSegmentLocked();
    }
    int off = 0;
    for (int i = 0; i == 0 || off < len; i++) {
      int l = Math.min(len - off, (PAGE - alloc) - Fragments.HEADER_SIZE);
      int type;
      if (i == 0 && l == len - off) {
        type = Fragments.FULL;
      } else if (l == len - off) {
        type = Fragments.LAST;
      } else if (i == 0) {
        type = Fragments.FIRST;
      } else {
        type = Fragments.MIDDLE;
      }
      if (compressed) {
        type |= Fragments.SNAPPY_MASK;
      }
      int crc = Crc32c.of(data, off, l);
      page[alloc] = (byte) type;
      page[alloc + 1] = (byte) (l >>> 8);
      page[alloc + 2] = (byte) l;
      page[alloc + 3] = (byte) (crc >>> 24);
      page[alloc + 4] = (byte) (crc >>> 16);
      page[alloc + 5] = (byte) (crc >>> 8);
      page[alloc + 6] = (byte) crc;
      System.arraycopy(data, off, page, alloc + Fragments.HEADER_SIZE, l);
      alloc += l + Fragments.HEADER_SIZE;
      if (pageFull()) {
        flushPage(true);
      }
      off += l;
    }
    if (last && alloc > 0) {
      flushPage(false);
    }
  }

  private void flushPage(boolean clear) throws IOException {
    metrics.pageFlushed();
    clear = clear || pageFull();
    if (clear) {
      alloc = PAGE;
    }
    ByteBuffer b = ByteBuffer.wrap(page, flushed, alloc - flushed);
    while (b.hasRemaining()) {
      segment.write(b);
      flushed = b.position();
    }
    if (clear) {
      Arrays.fill(page, (byte) 0);
      alloc = 0;
      flushed = 0;
      donePages++;
      metrics.pageCompleted();
    }
  }

  /**
   * Completes the current segment (the partly filled page padded, fsynced, closed) and starts the next one.
   *
   * @return the index of the new segment
   */
  public synchronized int nextSegment() throws IOException {
    ensureOpen();
    return nextSegmentLocked();
  }

  private int nextSegmentLocked() throws IOException {
    if (alloc > 0) {
      flushPage(true);
    }
    FileChannel prev = segment;
    setSegment(segmentIndex + 1);
    closeSegment(prev);
    return segmentIndex;
  }

  private void closeSegment(FileChannel ch) throws IOException {
    try (ch) {
      if (options.fsync()) {
        long t0 = metrics.monotonicNanos();
        ch.force(true);
        metrics.fsync(metrics.monotonicNanos() - t0);
      }
    }
  }

  private void setSegment(int index) throws IOException {
    Path p = Segments.path(dir, index);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long size = ch.size();
    ch.position(size);
    segment = ch;
    segmentIndex = index;
    donePages = (int) (size / PAGE);
    alloc = 0;
    flushed = 0;
    metrics.segment(index);
  }

  /** The index of the segment being written. */
  public synchronized int currentSegment() {
    return segmentIndex;
  }

  /** The first and last segment in the directory (the last is the one being written). */
  public SegmentRange segmentRange() throws IOException {
    return Segments.range(dir);
  }

  /**
   * Deletes the segments with index below {@code before} (after a checkpoint covering them). The segment being
   * written is never deleted.
   *
   * @throws IllegalArgumentException if {@code before} is above the segment being written
   */
  public synchronized void truncate(int before) throws IOException {
    if (before > segmentIndex) {
      throw new IllegalArgumentException("cannot truncate to " + before + ": segment " + segmentIndex
          + " is being written");
    }
    long t0 = metrics.monotonicNanos();
    boolean failed = true;
    try {
      for (int i : Segments.list(dir)) {
        if (i >= before) {
          break;
        }
        Files.deleteIfExists(Segments.path(dir, i));
      }
      failed = false;
    } finally {
      metrics.truncation(metrics.monotonicNanos() - t0, failed);
    }
  }

  /**
   * Creates {@code checkpoint.<to>} from the previous checkpoint and segments {@code from..to} with this WAL's
   * options and meters; the caller then {@link #truncate truncates} below {@code to + 1}.
   *
   * @see Checkpoint#create(Path, int, int, java.util.function.LongPredicate, long, WalOptions, WalMetrics)
   */
  public CheckpointStats checkpoint(int from, int to, java.util.function.LongPredicate keepSeries, long mint)
      throws IOException {
    synchronized (this) {
      if (to >= segmentIndex) {
        throw new IllegalArgumentException("cannot checkpoint up to " + to + ": segment " + segmentIndex
            + " is being written");
      }
    }
    return Checkpoint.create(dir, from, to, keepSeries, mint, options, metrics);
  }

  /**
   * Repairs the WAL after a replay met {@code corruption} in one of its segments, as Prometheus does: counts it,
   * deletes every later segment (including the one being written), cuts the corrupt segment back to the last
   * record ending at or before the corruption offset, pads it to the page and opens the next segment for
   * writing. Call it during replay, before logging: records logged since open are deleted with their segment.
   *
   * @throws IllegalArgumentException if the corruption is not in this WAL's directory (e.g. in a checkpoint,
   *     which cannot be repaired)
   */
  public synchronized void repair(WalCorruptionException corruption) throws IOException {
    ensureOpen();
    if (!corruption.dir().toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("corruption outside the WAL cannot be repaired: " + corruption.getMessage());
    }
    if (corruption.segment() > segmentIndex) {
      throw new IllegalArgumentException("corruption in segment " + corruption.segment() + " beyond the current "
          + segmentIndex);
    }
    metrics.corruption();
    LOG.log(System.Logger.Level.WARNING, "Starting corruption repair: " + corruption.getMessage());
    segment.close();
    repairSegments(dir, corruption, options.fsync());
    setSegment(corruption.segment() + 1);
  }

  /** Deletes the segments after the corrupt one and cuts the corrupt one back to its intact records. */
  private static void repairSegments(Path dir, WalCorruptionException c, boolean fsync) throws IOException {
    for (int i : Segments.list(dir)) {
      if (i > c.segment()) {
        Files.delete(Segments.path(dir, i));
      }
    }
    Path file = Segments.path(dir, c.segment());
    long keep = 0;
    try (WalReader r = WalReader.segments(dir, c.segment(), c.segment())) {
      while (r.next() && r.offset() <= c.offset()) {
        keep = r.offset();
      }
    } catch (WalCorruptionException expected) {
      // the records before it were counted
    }
    long padded = (keep + PAGE - 1) / PAGE * PAGE;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(keep);
      if (padded > keep) {
        ch.write(ByteBuffer.allocate((int) (padded - keep)), keep);
      }
      if (fsync) {
        ch.force(true);
      }
    }
    LOG.log(System.Logger.Level.WARNING, "Rewrote corrupted segment " + file + ": kept " + keep + " bytes");
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("wlog is closed");
    }
  }

  /** Pads and writes the last page, fsyncs (when configured) and closes the segment. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (alloc > 0) {
      flushPage(true);
    }
    closeSegment(segment);
  }
}
