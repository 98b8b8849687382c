package io.thanosjvm.tsdb.wlog;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.record.RecordDecoder;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.RecordType;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * WAL checkpoints as Prometheus 2.42 writes them ({@code wlog.Checkpoint}): {@code checkpoint.NNNNNNNN} in the WAL
 * directory, where NNNNNNNN is the last segment folded in, holding ordinary WAL segments in the same format and
 * compression. A new checkpoint reads the previous one plus segments {@code from..to}, keeps Series records of
 * the series the caller keeps alive, samples at or after {@code mint} of kept series and tombstones of kept series
 * reaching {@code mint}; other record types are dropped. It is written to {@code checkpoint.NNNNNNNN.tmp},
 * fsynced and renamed; older checkpoints are then deleted. The caller then truncates the WAL below {@code to + 1}.
 */
public final class Checkpoint {

  private static final String PREFIX = "checkpoint.";
  private static final int FLUSH_BYTES = 1024 * 1024;

  private Checkpoint() {}

  /** The directory name of the checkpoint covering segments up to {@code index}. */
  public static String name(int index) {
    return PREFIX + Segments.name(index);
  }

  /** All checkpoints in {@code walDir}, oldest first (names whose suffix is not a number are ignored). */
  public static List<CheckpointRef> list(Path walDir) throws IOException {
    List<CheckpointRef> out = new ArrayList<>();
    if (!Files.isDirectory(walDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, PREFIX + "*")) {
      for (Path p : ds) {
        int idx = Segments.parse(p.getFileName().toString().substring(PREFIX.length()));
        if (idx < 0) {
          continue;
        }
        if (!Files.isDirectory(p)) {
          throw new IOException("checkpoint " + p + " is not a directory");
        }
        out.add(new CheckpointRef(p, idx));
      }
    }
    out.sort(Comparator.comparingInt(CheckpointRef::index));
    return out;
  }

  /** The newest checkpoint of {@code walDir}, if any. */
  public static Optional<CheckpointRef> last(Path walDir) throws IOException {
    List<CheckpointRef> all = list(walDir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Whether {@code dir} is named like a checkpoint. */
  static boolean isCheckpointDir(Path dir) {
    Path name = dir.getFileName();
    return name != null && name.toString().startsWith(PREFIX);
  }

  /**
   * Creates a checkpoint with the default options (compression on), meters registered nowhere.
   *
   * @see #create(Path, int, int, LongPredicate, long, WalOptions, WalMetrics)
   */
  public static CheckpointStats create(Path walDir, int from, int to, LongPredicate keepSeries, long mint)
      throws IOException {
    return create(walDir, from, to, keepSeries, mint, WalOptions.defaults(), WalMetrics.unregistered());
  }

  /**
   * Folds the previous checkpoint (if any) and segments {@code from..to} of {@code walDir} into
   * {@code checkpoint.<to>}, then deletes older checkpoints. Segments below the previous checkpoint's index + 1 are
   * not read again.
   *
   * @param keepSeries whether a series ref is still alive (its Series record, samples and tombstones are kept)
   * @param mint samples before it and tombstones ending before it are dropped
   * @param options segment size and compression of the checkpoint's segments (those of the WAL)
   * @param metrics counts {@code prometheus_tsdb_checkpoint_*}, and a corrupt input as a WAL corruption
   * @throws WalCorruptionException if an input is corrupt (not repairable: the checkpoint is not written)
   */
  public static CheckpointStats create(Path walDir, int from, int to, LongPredicate keepSeries, long mint,
      WalOptions options, WalMetrics metrics) throws IOException {
    boolean failed = true;
    try {
      CheckpointStats stats = build(walDir, from, to, keepSeries, mint, options, metrics);
      failed = false;
      return stats;
    } finally {
      metrics.checkpointCreation(failed);
      if (!failed) {
        deleteBefore(walDir, to, metrics);
      }
    }
  }

  private static CheckpointStats build(Path walDir, int from, int to, LongPredicate keep, long mint,
      WalOptions options, WalMetrics metrics) throws IOException {
    Optional<CheckpointRef> previous = last(walDir);
    if (previous.isPresent()) {
      int next = previous.get().index() + 1;
      if (from > next) {
        throw new IOException("unexpected gap to last checkpoint. expected:" + next + ", requested:" + from);
      }
      from = next;
    }
    if (to < from - 1) {
      throw new IllegalArgumentException("checkpoint up to " + to + " is below segment " + from);
    }
    Path target = walDir.resolve(name(to));
    Path tmp = walDir.resolve(name(to) + ".tmp");
    deleteRecursively(tmp);
    Files.createDirectories(tmp);
    Filter filter = new Filter(keep, mint);
    try {
      try (Wal out = Wal.create(tmp, options, WalMetrics.unregistered())) {
        List<WalReader> inputs = new ArrayList<>();
        if (previous.isPresent()) {
          inputs.add(WalReader.checkpoint(previous.get().dir()));
        }
        if (from <= to) {
          inputs.add(WalReader.segments(walDir, from, to));
        }
        for (WalReader in : inputs) {
          try (in) {
            filter.copy(in, out);
          } catch (WalCorruptionException e) {
            metrics.corruption();
            throw e;
          }
        }
        filter.flush(out);
      }
      fsyncDir(tmp);
      deleteRecursively(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDir(walDir);
    } finally {
      deleteRecursively(tmp);
    }
    return filter.stats(new CheckpointRef(target, to));
  }

  /** Decodes, filters and re-encodes records, batching about 1 MiB per log call. */
  private static final class Filter {
    private final LongPredicate keep;
    private final long mint;
    private final RecordDecoder decoder = new RecordDecoder();
    private final RecordEncoder encoder = new RecordEncoder();
    private final SeriesRecord series = new SeriesRecord();
    private final SeriesRecord keptSeries = new SeriesRecord();
    private final SamplesRecord samples = new SamplesRecord(1024);
    private final SamplesRecord keptSamples = new SamplesRecord(1024);
    private final TombstonesRecord stones = new TombstonesRecord();
    private final TombstonesRecord keptStones = new TombstonesRecord();
    private final List<byte[]> batch = new ArrayList<>();
    private long batchBytes;
    private long seriesKept;
    private long seriesDropped;
    private long samplesKept;
    private long samplesDropped;
    private long stonesKept;
    private long stonesDropped;
    private long recordsDropped;

    Filter(LongPredicate keep, long mint) {
      this.keep = keep;
      this.mint = mint;
    }

    void copy(WalReader in, Wal out) throws IOException {
      while (in.next()) {
        byte[] rec = in.record();
        int len = in.recordLength();
        byte[] kept;
        try {
          kept = filter(rec, len);
        } catch (CorruptBlockException e) {
          throw in.corruptionOfCurrentRecord("decode " + RecordType.of(rec, len) + ": " + e.getMessage(), e);
        }
        if (kept != null) {
          batch.add(kept);
          batchBytes += kept.length;
          if (batchBytes > FLUSH_BYTES) {
            flush(out);
          }
        }
      }
    }

    private byte[] filter(byte[] rec, int len) {
      switch (RecordType.of(rec, len)) {
        case SERIES -> {
          decoder.series(rec, len, series);
          keptSeries.clear();
          for (int i = 0; i < series.size(); i++) {
            if (keep.test(series.ref(i))) {
              keptSeries.add(series.ref(i), series.labels(i));
            }
          }
          seriesKept += keptSeries.size();
          seriesDropped += series.size() - keptSeries.size();
          return keptSeries.isEmpty() ? null : encoder.series(keptSeries);
        }
        case SAMPLES -> {
          decoder.samples(rec, len, samples);
          keptSamples.clear();
          long[] refs = samples.refsArray();
          long[] ts = samples.timestampsArray();
          long[] vs = samples.valueBitsArray();
          for (int i = 0; i < samples.size(); i++) {
            if (ts[i] >= mint && keep.test(refs[i])) {
              keptSamples.addBits(refs[i], ts[i], vs[i]);
            }
          }
          samplesKept += keptSamples.size();
          samplesDropped += samples.size() - keptSamples.size();
          return keptSamples.isEmpty() ? null : encoder.samples(keptSamples);
        }
        case TOMBSTONES -> {
          decoder.tombstones(rec, len, stones);
          keptStones.clear();
          for (int i = 0; i < stones.size(); i++) {
            if (stones.maxt(i) >= mint && keep.test(stones.ref(i))) {
              keptStones.add(stones.ref(i), stones.mint(i), stones.maxt(i));
            }
          }
          stonesKept += keptStones.size();
          stonesDropped += stones.size() - keptStones.size();
          return keptStones.isEmpty() ? null : encoder.tombstones(keptStones);
        }
        default -> {
          recordsDropped++;
          return null;
        }
      }
    }

    void flush(Wal out) throws IOException {
      if (!batch.isEmpty()) {
        out.log(batch);
        batch.clear();
        batchBytes = 0;
      }
    }

    CheckpointStats stats(CheckpointRef ref) {
      return new CheckpointStats(ref, seriesKept, seriesDropped, samplesKept, samplesDropped, stonesKept,
          stonesDropped, recordsDropped);
    }
  }

  /**
   * Deletes the checkpoints of {@code walDir} with an index below {@code index}, counting
   * {@code prometheus_tsdb_checkpoint_deletions(_failed)_total}.
   */
  public static void deleteBefore(Path walDir, int index, WalMetrics metrics) throws IOException {
    boolean failed = true;
    try {
      for (CheckpointRef c : list(walDir)) {
        if (c.index() < index) {
          deleteRecursively(c.dir());
        }
      }
      failed = false;
    } finally {
      metrics.checkpointDeletion(failed);
    }
  }

  /** Deletes leftover {@code checkpoint.*.tmp} directories (an interrupted checkpoint). */
  static void deleteTemporary(Path walDir) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, PREFIX + "*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.endsWith(".tmp") || n.endsWith(".tmp-for-creation") || n.endsWith(".tmp-for-deletion")) {
          deleteRecursively(p);
        }
      }
    }
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException notSupported) {
      // some file systems do not sync directories; the rename is still atomic
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
