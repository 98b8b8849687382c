package io.thanosjvm.tsdb.wlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.record.RecordDispatcher;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.RecordHandler;
import io.thanosjvm.tsdb.record.RecordType;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static final int PAGE = WalOptions.PAGE_SIZE;

  @TempDir
  Path tmp;

  /** What a replay saw: series by ref, samples as "ref@t", tombstones as "ref:[a,b]", skipped count. */
  static final class Seen implements RecordHandler {
    final TreeMap<Long, Labels> series = new TreeMap<>();
    final TreeSet<String> samples = new TreeSet<>();
    final List<String> stones = new ArrayList<>();

    @Override
    public void series(SeriesRecord s) {
      for (int i = 0; i < s.size(); i++) {
        series.put(s.ref(i), s.labels(i));
      }
    }

    @Override
    public void samples(SamplesRecord s) {
      for (int i = 0; i < s.size(); i++) {
        samples.add(s.ref(i) + "@" + s.timestamp(i));
      }
    }

    @Override
    public void tombstones(TombstonesRecord t) {
      for (int i = 0; i < t.size(); i++) {
        stones.add(t.ref(i) + ":[" + t.mint(i) + "," + t.maxt(i) + "]");
      }
    }
  }

  static Seen read(WalReader r) throws IOException {
    Seen seen = new Seen();
    RecordDispatcher d = new RecordDispatcher(seen);
    try (r) {
      while (r.next()) {
        d.dispatch(r.record(), r.recordLength());
      }
    }
    return seen;
  }

  /** Logs series 1..10, then rounds of samples t = round*1000 for all of them, a tombstone and an exemplar. */
  private static void fill(Wal wal, int fromRound, int toRound) throws IOException {
    RecordEncoder enc = new RecordEncoder();
    if (fromRound == 0) {
      SeriesRecord s = new SeriesRecord();
      for (int ref = 1; ref <= 10; ref++) {
        s.add(ref, Labels.of("__name__", "m", "i", Integer.toString(ref)));
      }
      wal.log(enc.series(s));
    }
    for (int round = fromRound; round < toRound; round++) {
      SamplesRecord samples = new SamplesRecord();
      for (int ref = 1; ref <= 10; ref++) {
        samples.add(ref, round * 1000L, round);
      }
      byte[] padding = new byte[6000]; // an unknown record type, dropped by checkpoints
      new java.util.Random(round).nextBytes(padding);
      padding[0] = (byte) RecordType.EXEMPLARS.code();
      wal.log(enc.samples(samples), padding);
      if (round == 15 || round == 25 || round == 35) {
        TombstonesRecord t = new TombstonesRecord();
        t.add(round == 35 ? 3 : 2, round * 1000L - 500, round * 1000L);
        wal.log(enc.tombstones(t));
      }
    }
  }

  @Test
  void checkpointKeepsLiveSeriesTheirNewerSamplesAndTombstonesThenFoldsIntoTheNext() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Wal wal = Wal.open(tmp, new WalOptions(2 * PAGE, true, false), registry)) {
      fill(wal, 0, 60);
      int last = wal.currentSegment();
      assertThat(last).isGreaterThanOrEqualTo(5);
      wal.nextSegment();
      int to = last - 1;
      CheckpointStats stats = wal.checkpoint(0, to, ref -> ref % 2 == 0, 20_000);
      Path cp = tmp.resolve("checkpoint." + Segments.name(to));
      assertThat(stats.checkpoint()).isEqualTo(new CheckpointRef(cp, to));
      assertThat(cp.resolve("00000000")).exists();
      assertThat(Files.size(cp.resolve("00000000")) % PAGE).isZero();
      assertThat(Checkpoint.last(tmp)).contains(stats.checkpoint());
      wal.truncate(to + 1);
      assertThat(wal.segmentRange().first()).isEqualTo(to + 1);

      Seen inCp = read(WalReader.checkpoint(cp));
      assertThat(inCp.series.keySet()).containsExactly(2L, 4L, 6L, 8L, 10L);
      assertThat((Object) inCp.series.get(4L)).isEqualTo(Labels.of("__name__", "m", "i", "4"));
      assertThat(inCp.samples).isNotEmpty().allSatisfy(s -> {
        long ref = Long.parseLong(s.substring(0, s.indexOf('@')));
        long t = Long.parseLong(s.substring(s.indexOf('@') + 1));
        assertThat(ref % 2).isZero();
        assertThat(t).isGreaterThanOrEqualTo(20_000);
      });
      assertThat(inCp.stones).as("only the live series' stone reaching mint").containsExactly("2:[24500,25000]");
      assertThat(stats.droppedRecords()).isPositive();
      assertThat(stats.keptSeries()).isEqualTo(5);
      assertThat(stats.droppedSeries()).isEqualTo(5);

      // replay = checkpoint + later segments: every live sample from 20s on, nothing lost
      Seen replay = read(WalReader.replay(tmp));
      for (int round = 20; round < 60; round++) {
        for (int ref = 2; ref <= 10; ref += 2) {
          assertThat(replay.samples).contains(ref + "@" + round * 1000L);
        }
      }

      // the next checkpoint folds the previous one in and deletes it
      fill(wal, 60, 80);
      int last2 = wal.currentSegment();
      wal.nextSegment();
      CheckpointStats stats2 = wal.checkpoint(to + 1, last2, ref -> ref != 4, 50_000);
      wal.truncate(last2 + 1);
      assertThat(cp).doesNotExist();
      assertThat(Checkpoint.list(tmp)).containsExactly(stats2.checkpoint());
      Seen inCp2 = read(WalReader.checkpoint(stats2.checkpoint().dir()));
      assertThat(inCp2.series.keySet()).containsExactly(2L, 6L, 8L, 10L);
      assertThat(inCp2.samples).contains("2@79000", "10@50000").doesNotContain("2@49000", "4@79000");
      assertThat(registry.get("prometheus_tsdb_checkpoint_creations").counter().count()).isEqualTo(2);
      assertThat(registry.get("prometheus_tsdb_checkpoint_deletions").counter().count()).isEqualTo(2);
      assertThat(registry.get("prometheus_tsdb_checkpoint_creations_failed").counter().count()).isZero();
    }
  }

  @Test
  void aCheckpointCannotSkipSegmentsAfterThePreviousOne() throws IOException {
    try (Wal wal = Wal.open(tmp, new WalOptions(2 * PAGE, true, false), new SimpleMeterRegistry())) {
      fill(wal, 0, 30);
      int last = wal.currentSegment();
      wal.nextSegment();
      wal.checkpoint(0, 1, ref -> true, 0);
      assertThatThrownBy(() -> wal.checkpoint(3, last, ref -> true, 0)).hasMessageContaining("unexpected gap");
      assertThatThrownBy(() -> wal.checkpoint(2, last + 1, ref -> true, 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aCorruptInputFailsTheCheckpointAndLeavesNothingBehind() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Wal wal = Wal.open(tmp, new WalOptions(2 * PAGE, false, false), registry)) {
      fill(wal, 0, 30);
      wal.nextSegment();
      byte[] seg = Files.readAllBytes(Segments.path(tmp, 1));
      seg[200] ^= 0x10;
      Files.write(Segments.path(tmp, 1), seg);
      assertThatThrownBy(() -> wal.checkpoint(0, 1, ref -> true, 0)).isInstanceOf(WalCorruptionException.class);
      assertThat(Checkpoint.list(tmp)).isEmpty();
      assertThat(tmp.resolve("checkpoint.00000001.tmp")).doesNotExist();
      assertThat(registry.get("prometheus_tsdb_checkpoint_creations_failed").counter().count()).isOne();
      assertThat(wal.metrics().corruptionsTotal()).isOne();
    }
  }

  @Test
  void lastCheckpointIgnoresTemporaryNames() throws IOException {
    Files.createDirectories(tmp.resolve("checkpoint.00000003"));
    Files.createDirectories(tmp.resolve("checkpoint.00000012"));
    Files.createDirectories(tmp.resolve("checkpoint.00000020.tmp"));
    assertThat(Checkpoint.last(tmp)).contains(new CheckpointRef(tmp.resolve("checkpoint.00000012"), 12));
    assertThat(Checkpoint.name(7)).isEqualTo("checkpoint.00000007");
  }
}
