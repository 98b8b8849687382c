package io.thanosjvm.tsdb.wlog;

import static io.thanosjvm.tsdb.wlog.WalTest.assertSameRecords;
import static io.thanosjvm.tsdb.wlog.WalTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Torn and corrupt tails (as a crash or a bad disk leaves them) are repaired at open, never a crash loop. */
class WalRepairTest {

  private static final int PAGE = WalOptions.PAGE_SIZE;

  @TempDir
  Path tmp;

  /** A crashed WAL: records logged, the process gone before close (no padding). */
  private record Crashed(byte[] segment, List<byte[]> records, long[] ends) {}

  private Crashed crash(boolean compress) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("src-" + compress));
    Random rnd = new Random(7);
    List<byte[]> records = new ArrayList<>();
    try (Wal wal = Wal.open(dir, new WalOptions(8 * PAGE, compress, false), new SimpleMeterRegistry())) {
      while (Files.size(Segments.path(dir, 0)) < PAGE - 3000) {
        records.add(WalTest.record(rnd, 1500));
        wal.log(records.get(records.size() - 1));
      }
      byte[] filler = new byte[(int) (PAGE - 500 - Files.size(Segments.path(dir, 0)) - 7)];
      rnd.nextBytes(filler); // incompressible: the page has 500 bytes left after it
      records.add(filler);
      wal.log(filler);
      byte[] spanning = new byte[1200]; // incompressible: crosses the first page boundary
      rnd.nextBytes(spanning);
      records.add(spanning);
      wal.log(spanning);
      for (int i = 0; i < 3; i++) {
        byte[] small = new byte[300]; // compressible
        Arrays.fill(small, (byte) i);
        records.add(small);
        wal.log(small);
      }
      byte[] segment = Files.readAllBytes(Segments.path(dir, 0)); // what a SIGKILL now leaves on disk
      List<Long> ends = new ArrayList<>();
      try (WalReader r = WalReader.all(dir)) {
        while (r.next()) {
          ends.add(r.offset());
        }
      }
      return new Crashed(segment, records, ends.stream().mapToLong(Long::longValue).toArray());
    }
  }

  private static int intactBefore(long[] ends, long cut) {
    int n = 0;
    while (n < ends.length && ends[n] <= cut) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void cutAtEveryByteOfTheLastRecordsOpensRepairedAndGoesOn(boolean compress) throws IOException {
    Crashed c = crash(compress);
    assertThat(c.segment().length).isGreaterThan(PAGE).isLessThan(2 * PAGE);
    assertThat(c.ends()[c.ends().length - 5]).as("the record spanning the page starts in page 0").isEqualTo(
        PAGE - 500);
    long from = c.ends()[c.ends().length - 5];
    byte[] after = {42, 43};
    int cases = 0;
    for (long cut = from; cut <= c.segment().length; cut++) {
      Path dir = tmp.resolve("cut-" + compress + "-" + cut);
      Files.createDirectories(dir);
      Files.write(Segments.path(dir, 0), Arrays.copyOf(c.segment(), (int) cut));
      int intact = intactBefore(c.ends(), cut);
      boolean torn = intact == 0 ? cut > 0 : c.ends()[intact - 1] != cut;
      try (Wal wal = Wal.open(dir, new WalOptions(8 * PAGE, compress, false), WalMetrics.unregistered())) {
        assertThat(wal.metrics().corruptionsTotal()).as("cut at %d", cut).isEqualTo(torn ? 1 : 0);
        assertThat(wal.currentSegment()).isEqualTo(1);
        wal.log(after);
      }
      List<byte[]> expected = new ArrayList<>(c.records().subList(0, intact));
      expected.add(after);
      assertSameRecords(readAll(dir), expected);
      assertThat(Files.size(Segments.path(dir, 0)) % PAGE).as("repaired segment padded").isEqualTo(torn ? 0
          : cut % PAGE);
      // a second open finds nothing to repair
      try (Wal wal = Wal.open(dir, new WalOptions(8 * PAGE, compress, false), WalMetrics.unregistered())) {
        assertThat(wal.metrics().corruptionsTotal()).isZero();
      }
      cases++;
      deleteTree(dir);
    }
    assertThat(cases).isGreaterThan(compress ? 1000 : 2000);
  }

  @Test
  void aFlippedBitDropsItsRecordAndEverythingAfterIt() throws IOException {
    Crashed c = crash(false);
    long from = c.ends()[c.ends().length - 4];
    Random rnd = new Random(11);
    int unprotected = 0;
    for (long pos = from; pos < c.segment().length; pos++) {
      Path dir = tmp.resolve("flip-" + pos);
      Files.createDirectories(dir);
      byte[] bad = c.segment().clone();
      bad[(int) pos] ^= (byte) (1 << rnd.nextInt(8));
      Files.write(Segments.path(dir, 0), bad);
      int damaged = intactBefore(c.ends(), pos);
      long corruptions;
      try (Wal wal = Wal.open(dir, new WalOptions(8 * PAGE, false, false), WalMetrics.unregistered())) {
        corruptions = wal.metrics().corruptionsTotal();
      }
      if (corruptions == 0) {
        // only bits 4-7 of a fragment's type byte are unprotected (Prometheus masks them off too)
        assertSameRecords(readAll(dir), c.records());
        unprotected++;
      } else {
        assertThat(corruptions).isOne();
        assertSameRecords(readAll(dir), c.records().subList(0, damaged));
      }
      deleteTree(dir);
    }
    assertThat(unprotected).isLessThan(4);
  }

  @Test
  void aTornSegmentFollowedByAnEmptyOneIsRepairedAndTheEmptyOneReplaced() throws IOException {
    Crashed c = crash(true);
    Path dir = Files.createDirectories(tmp.resolve("two"));
    Files.write(Segments.path(dir, 0), Arrays.copyOf(c.segment(), c.segment().length - 3));
    Files.write(Segments.path(dir, 1), new byte[0]); // opened by a start that died at once
    try (Wal wal = Wal.open(dir, new WalOptions(8 * PAGE, true, false), new SimpleMeterRegistry())) {
      assertThat(wal.metrics().corruptionsTotal()).isOne();
      assertThat(wal.currentSegment()).isEqualTo(1);
    }
    assertSameRecords(readAll(dir), c.records().subList(0, c.records().size() - 1));
  }

  @Test
  void corruptionMetByAReplayInAnOlderSegmentIsRepairedByTheWal() throws IOException {
    Path dir = tmp.resolve("older");
    List<byte[]> records = new ArrayList<>();
    Random rnd = new Random(5);
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, false, false), new SimpleMeterRegistry())) {
      for (int i = 0; i < 150; i++) {
        records.add(WalTest.record(rnd, 2000));
        wal.log(records.get(i));
      }
    }
    assertThat(Segments.range(dir).last()).isGreaterThanOrEqualTo(3);
    byte[] seg1 = Files.readAllBytes(Segments.path(dir, 1));
    seg1[PAGE + 100] ^= 1;
    Files.write(Segments.path(dir, 1), seg1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, false, false), registry)) {
      assertThat(wal.metrics().corruptionsTotal()).as("the last segment is intact").isZero();
      List<byte[]> replayed = new ArrayList<>();
      WalCorruptionException corruption = null;
      try (WalReader r = WalReader.replay(dir)) {
        while (r.next()) {
          replayed.add(r.recordCopy());
        }
      } catch (WalCorruptionException e) {
        corruption = e;
      }
      assertThat(corruption).isNotNull();
      assertThat(corruption.segment()).isEqualTo(1);
      assertThat(corruption.offset()).isLessThanOrEqualTo(PAGE + 100);
      wal.repair(corruption);
      assertThat(wal.metrics().corruptionsTotal()).isOne();
      assertThat(wal.currentSegment()).isEqualTo(2);
      assertThat(wal.segmentRange()).isEqualTo(new SegmentRange(0, 2));
      wal.log(new byte[] {9});
      replayed.add(new byte[] {9});
      wal.close();
      assertSameRecords(readAll(dir), replayed);
      assertThat(replayed.size()).isLessThan(records.size());
    }
  }

  @Test
  void corruptionInsideACheckpointIsNotRepairable() throws IOException {
    try (Wal wal = Wal.open(tmp, WalTest.small(true), new SimpleMeterRegistry())) {
      WalCorruptionException e = new WalCorruptionException(tmp.resolve("checkpoint.00000001"), 0, 10, "bad");
      assertThatThrownBy(() -> wal.repair(e)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRecordCutAtTheEndOfANonLastSegmentIsCorruption() throws IOException {
    Crashed c = crash(false);
    Path dir = Files.createDirectories(tmp.resolve("mid"));
    Files.write(Segments.path(dir, 0), Arrays.copyOf(c.segment(), (int) c.ends()[3] + 10));
    Files.write(Segments.path(dir, 1), Arrays.copyOf(c.segment(), (int) c.ends()[0]));
    assertThatThrownBy(() -> readAll(dir)).isInstanceOf(WalCorruptionException.class)
        .hasMessageContaining("00000000 at " + c.ends()[3]).hasMessageContaining("torn");
  }

  private static void deleteTree(Path dir) throws IOException {
    Checkpoint.deleteRecursively(dir);
  }
}
