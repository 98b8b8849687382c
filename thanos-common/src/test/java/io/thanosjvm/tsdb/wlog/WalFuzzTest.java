package io.thanosjvm.tsdb.wlog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.fuzz.Fuzzer;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.record.RecordDecoder;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL input as a crash or a disk could leave it. Segment level: a mutated segment file is read record by record and
 * each record decoded; the reader refuses with {@link WalCorruptionException} (what replay repairs from) or the
 * decoder with {@link CorruptBlockException}. Record level: mutated Series, Samples and Tombstones records reach the
 * decoder directly (behind the page CRCs), which must refuse with {@link CorruptBlockException} or decode.
 */
class WalFuzzTest {

  @TempDir
  Path tmp;

  @Test
  void mutatedSegments() throws IOException {
    Path source = tmp.resolve("wal");
    List<byte[]> records = records();
    try (Wal wal = Wal.open(source, new WalOptions(4 * WalOptions.PAGE_SIZE, true, false), new SimpleMeterRegistry())) {
      wal.log(records);
    }
    byte[] segment = Files.readAllBytes(source.resolve("00000000"));
    Path work = tmp.resolve("work");
    Files.createDirectories(work);
    Fuzzer.named("wal-segment")
        .corpus(List.of(segment))
        .expecting(WalCorruptionException.class, CorruptBlockException.class)
        .allocationBudget(len -> (16L << 20) + 64L * len)
        .iterations(3_000)
        .run(input -> {
          Files.write(work.resolve("00000000"), input);
          try (WalReader r = WalReader.all(work)) {
            while (r.next()) {
              decode(r.recordCopy());
            }
          }
        })
        .assertNoFindings();
  }

  @Test
  void mutatedRecords() {
    Fuzzer.named("wal-record")
        .corpus(records())
        .expecting(CorruptBlockException.class)
        .allocationBudget(len -> (8L << 20) + 256L * len)
        .iterations(30_000)
        .run(WalFuzzTest::decode)
        .assertNoFindings();
  }

  @Test
  void anEmptyLabelNameInAnUnsortedSeriesRecordIsCorruption() {
    // found by mutatedRecords: the unsorted fallback built labels outside its try and threw a bare
    // IllegalArgumentException("label name must not be empty")
    byte[] rec = {1, 0, 0, 0, 0, 0, 0, 0, 7, 2, 1, 'b', 1, 'x', 0, 1, 'y'};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> decode(rec))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("label name must not be empty");
  }

  @Test
  void aStringRunningPastTheEndOfTheRecordIsCorruption() {
    // found by mutatedRecords: the string length was checked against the bytes left before its own varint was read,
    // so a string could run one byte past the end (StringIndexOutOfBoundsException)
    byte[] rec = {1, 0, 0, 0, 0, 0, 0, 0, 7, 1, 1, 'a', 2, 'x'};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> decode(rec))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("string length 2 out of range (max 1)");
  }

  private static void decode(byte[] rec) {
    RecordDecoder d = new RecordDecoder();
    switch (rec.length == 0 ? 0 : rec[0]) {
      case 1 -> d.series(rec, rec.length, new SeriesRecord());
      case 2 -> d.samples(rec, rec.length, new SamplesRecord());
      case 3 -> d.tombstones(rec, rec.length, new TombstonesRecord());
      default -> { } // other record types are skipped by replay, as Prometheus skips them
    }
  }

  private static List<byte[]> records() {
    RecordEncoder enc = new RecordEncoder();
    List<byte[]> out = new ArrayList<>();
    SeriesRecord series = new SeriesRecord();
    for (int i = 0; i < 20; i++) {
      series.add(i + 1, Labels.of("__name__", "http_requests_total", "code", String.valueOf(200 + i % 3),
          "instance", "host-" + i));
    }
    out.add(enc.series(series));
    SamplesRecord samples = new SamplesRecord();
    for (int i = 0; i < 200; i++) {
      samples.add(1 + i % 20, 1_700_000_000_000L + 15_000L * (i / 20), i * 1.5);
    }
    out.add(enc.samples(samples));
    TombstonesRecord stones = new TombstonesRecord();
    stones.add(3, 1_700_000_000_000L, 1_700_000_100_000L);
    out.add(enc.tombstones(stones));
    return out;
  }
}
