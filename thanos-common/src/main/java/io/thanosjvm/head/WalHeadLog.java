package io.thanosjvm.head;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.record.RecordDispatcher;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.RecordHandler;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import io.thanosjvm.tsdb.wlog.SegmentRange;
import io.thanosjvm.tsdb.wlog.Wal;
import io.thanosjvm.tsdb.wlog.WalCorruptionException;
import io.thanosjvm.tsdb.wlog.WalOptions;
import io.thanosjvm.tsdb.wlog.WalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head's log on {@link Wal} ({@code tsdb.wlog}), in Prometheus 2.42's records ({@code tsdb.record}): a commit is
 * one Series record (new series) and one Samples record, written in one {@link Wal#log} call so that it is complete
 * in the segment file (the OS has it) when {@link #logCommit} returns. Replay reads the newest checkpoint and the
 * segments after it; a corrupt segment is repaired as Prometheus does and the data before the corruption stays.
 * Truncation is Prometheus' {@code truncateWAL}: a new segment, a checkpoint of the first two thirds of the older
 * segments keeping live series and samples at or after the new min time, then those segments deleted.
 */
final class WalHeadLog implements HeadWal {

  private static final Logger LOG = LoggerFactory.getLogger(WalHeadLog.class);

  private final Wal wal;
  private final ThreadLocal<Encoding> encoding = ThreadLocal.withInitial(Encoding::new);
  private long lastTruncation = Long.MIN_VALUE;

  private WalHeadLog(Wal wal) {
    this.wal = wal;
  }

  /** Opens (repairing a torn tail) the WAL in {@code walDir}. */
  static WalHeadLog open(Path walDir, TsdbOptions options, MeterRegistry registry) throws IOException {
    WalOptions wo = WalOptions.defaults().withSegmentSize(options.walSegmentSize())
        .withCompression(options.walCompression());
    return new WalHeadLog(Wal.open(walDir, wo, registry));
  }

  /** Per-thread reusable record holders. */
  private static final class Encoding {
    final RecordEncoder encoder = new RecordEncoder();
    final SeriesRecord series = new SeriesRecord();
    final SamplesRecord samples = new SamplesRecord(256);
  }

  @Override
  public void logCommit(List<RefSeries> series, long[] refs, long[] ts, double[] vs, int n) throws IOException {
    Encoding e = encoding.get();
    byte[] seriesRec = null;
    byte[] samplesRec = null;
    if (!series.isEmpty()) {
      e.series.clear();
      for (RefSeries s : series) {
        e.series.add(s.ref(), s.labels());
      }
      seriesRec = e.encoder.series(e.series);
    }
    if (n > 0) {
      e.samples.clear();
      e.samples.ensureCapacity(n);
      for (int i = 0; i < n; i++) {
        e.samples.add(refs[i], ts[i], vs[i]);
      }
      samplesRec = e.encoder.samples(e.samples);
    }
    if (seriesRec != null && samplesRec != null) {
      wal.log(seriesRec, samplesRec);
    } else if (seriesRec != null) {
      wal.log(seriesRec);
    } else if (samplesRec != null) {
      wal.log(samplesRec);
    }
  }

  @Override
  public ReplayStats replay(Head head) throws IOException {
    long[] stats = new long[5];
    RecordHandler handler = new RecordHandler() {
      @Override
      public void series(SeriesRecord s) {
        for (int i = 0; i < s.size(); i++) {
          head.replaySeries(s.ref(i), s.labels(i));
          stats[0]++;
        }
      }

      @Override
      public void samples(SamplesRecord s) {
        for (int i = 0; i < s.size(); i++) {
          if (head.replaySample(s.ref(i), s.timestamp(i), Double.longBitsToDouble(s.valueBits(i)))) {
            stats[1]++;
          } else {
            stats[2]++;
          }
        }
      }

      @Override
      public void tombstones(TombstonesRecord t) {
        for (int i = 0; i < t.size(); i++) {
          if (head.hasRef(t.ref(i))) {
            head.addTombstone(t.ref(i), t.mint(i), t.maxt(i));
            stats[3]++;
          } else {
            stats[2]++;
          }
        }
      }
    };
    RecordDispatcher dispatcher = new RecordDispatcher(handler);
    try (WalReader r = WalReader.replay(wal.dir())) {
      while (r.next()) {
        dispatcher.dispatch(r.record(), r.recordLength());
      }
    } catch (WalCorruptionException e) {
      LOG.warn("Encountered WAL read error, attempting repair: {}", e.getMessage());
      wal.repair(e);
    }
    stats[4] = dispatcher.skipped();
    ReplayStats s = new ReplayStats(stats[0], stats[1], stats[2], stats[3], stats[4]);
    LOG.info("WAL replay completed: {}", s);
    return s;
  }

  @Override
  public synchronized void truncate(long mint, LongPredicate keepSeries) throws IOException {
    if (mint <= lastTruncation) {
      return;
    }
    lastTruncation = mint;
    SegmentRange range = wal.segmentRange();
    wal.nextSegment();
    if (range.isEmpty()) {
      return;
    }
    int first = range.first();
    int last = range.last() - 1;
    if (last < 0) {
      return;
    }
    last = first + (last - first) * 2 / 3;
    if (last <= first) {
      return;
    }
    // counts prometheus_tsdb_checkpoint_creations(_failed)_total and deletes older checkpoints
    wal.checkpoint(first, last, keepSeries, mint);
    wal.truncate(last + 1);
  }

  @Override
  public void close() throws IOException {
    wal.close();
  }
}
