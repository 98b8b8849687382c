package io.thanosjvm.tsdb.wlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.tsdb.encoding.Crc32c;
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
import org.xerial.snappy.Snappy;

class WalTest {

  private static final int PAGE = WalOptions.PAGE_SIZE;

  @TempDir
  Path tmp;

  static WalOptions small(boolean compress) {
    return new WalOptions(3 * PAGE, compress, false);
  }

  /** Random bytes, half of them compressible (runs), so compressed and raw records both occur. */
  static byte[] record(Random rnd, int len) {
    byte[] b = new byte[len];
    rnd.nextBytes(b);
    if (rnd.nextBoolean()) {
      for (int i = 0; i < len; i++) {
        b[i] = (byte) (i / 64);
      }
    }
    return b;
  }

  static List<byte[]> readAll(Path dir) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (WalReader r = WalReader.all(dir)) {
      while (r.next()) {
        out.add(r.recordCopy());
      }
    }
    return out;
  }

  static void assertSameRecords(List<byte[]> actual, List<byte[]> expected) {
    assertThat(actual.size()).as("record count").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Arrays.equals(actual.get(i), expected.get(i))).as("record %d (%d bytes, expected %d)", i,
          actual.get(i).length, expected.get(i).length).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void recordsOfEverySizeRoundTripAcrossPagesAndSegments(boolean compress) throws IOException {
    Random rnd = new Random(42);
    List<byte[]> written = new ArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Wal wal = Wal.open(tmp, small(compress), registry)) {
      int[] sizes = {0, 1, 7, PAGE - 7, PAGE - 14, PAGE, PAGE + 1, 3 * PAGE + 5, 0, 5 * PAGE, 100};
      for (int s : sizes) {
        byte[] r = record(rnd, s);
        written.add(r);
        wal.log(r);
      }
      for (int i = 0; i < 300; i++) {
        int n = 1 + rnd.nextInt(4);
        byte[][] batch = new byte[n][];
        for (int j = 0; j < n; j++) {
          batch[j] = record(rnd, rnd.nextInt(rnd.nextInt(10) == 0 ? 70_000 : 3000));
          written.add(batch[j]);
        }
        wal.log(batch);
      }
    }
    assertSameRecords(readAll(tmp), written);
    SegmentRange range = Segments.range(tmp);
    assertThat(range.first()).isZero();
    assertThat(range.last()).isGreaterThan(5);
    boolean oversized = false;
    for (int i = range.first(); i <= range.last(); i++) {
      long size = Files.size(Segments.path(tmp, i));
      assertThat(size % PAGE).as("closed segment %d is padded to the page", i).isZero();
      oversized |= size > 3 * PAGE;
    }
    assertThat(oversized).as("a record larger than a segment fills a longer segment of its own").isTrue();
    assertThat(registry.get("prometheus_tsdb_wal_segment_current").gauge().value()).isEqualTo(range.last());
    assertThat(registry.get("prometheus_tsdb_wal_completed_pages").counter().count()).isPositive();
  }

  @Test
  void eachLogCallWritesThePartialPageWithoutPaddingAndCloseCompletesIt() throws IOException {
    try (Wal wal = Wal.open(tmp, small(false), new SimpleMeterRegistry())) {
      Path seg = Segments.path(tmp, 0);
      byte[] a = {1, 2, 3};
      wal.log(a);
      assertThat(Files.size(seg)).isEqualTo(7 + 3);
      wal.log(new byte[100], new byte[0]);
      assertThat(Files.size(seg)).isEqualTo(10 + 107 + 7);
      assertSameRecords(readAll(tmp), List.of(a, new byte[100], new byte[0]));
      wal.close();
      assertThat(Files.size(seg)).isEqualTo(PAGE);
      assertSameRecords(readAll(tmp), List.of(a, new byte[100], new byte[0]));
    }
  }

  @Test
  void compressedRecordsCarryTheSnappyFlagAndTheCrcOfTheStoredBytes() throws IOException {
    byte[] zeros = new byte[1000];
    byte[] random = new byte[50];
    new Random(1).nextBytes(random);
    try (Wal wal = Wal.open(tmp, small(true), new SimpleMeterRegistry())) {
      wal.log(zeros);
      wal.log(random);
    }
    byte[] seg = Files.readAllBytes(Segments.path(tmp, 0));
    byte[] compressed = Snappy.compress(zeros);
    assertThat(seg[0]).isEqualTo((byte) 0x09);
    int len = ((seg[1] & 0xFF) << 8) | (seg[2] & 0xFF);
    assertThat(len).isEqualTo(compressed.length);
    int crc = ((seg[3] & 0xFF) << 24) | ((seg[4] & 0xFF) << 16) | ((seg[5] & 0xFF) << 8) | (seg[6] & 0xFF);
    assertThat(crc).isEqualTo(Crc32c.of(seg, 7, len));
    int second = 7 + len;
    assertThat(seg[second]).as("incompressible record stored raw").isEqualTo((byte) 0x01);
    assertSameRecords(readAll(tmp), List.of(zeros, random));
  }

  @Test
  void recordsAreSplitIntoFirstMiddleLastFragmentsThatNeverCrossAPage() throws IOException {
    byte[] big = record(new Random(3), 2 * PAGE + 10);
    try (Wal wal = Wal.open(tmp, new WalOptions(8 * PAGE, false, false), new SimpleMeterRegistry())) {
      wal.log(new byte[PAGE - 10]); // leaves exactly 3 free bytes: page full, padded
      wal.log(big);
    }
    byte[] seg = Files.readAllBytes(Segments.path(tmp, 0));
    assertThat(seg[0]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(seg, PAGE - 3, PAGE)).containsOnly(0);
    assertThat(seg[PAGE]).as("first").isEqualTo((byte) 2);
    assertThat(seg[2 * PAGE]).as("middle").isEqualTo((byte) 3);
    assertThat(seg[3 * PAGE]).as("last").isEqualTo((byte) 4);
    int lastLen = ((seg[3 * PAGE + 1] & 0xFF) << 8) | (seg[3 * PAGE + 2] & 0xFF);
    assertThat(lastLen).isEqualTo(big.length - 2 * (PAGE - 7));
    assertThat(seg.length).isEqualTo(4 * PAGE);
  }

  @Test
  void everyOpenStartsANewSegmentAndTruncateDeletesTheOlderOnes() throws IOException {
    for (int i = 0; i < 3; i++) {
      try (Wal wal = Wal.open(tmp, small(true), new SimpleMeterRegistry())) {
        assertThat(wal.currentSegment()).isEqualTo(i);
        wal.log(new byte[] {(byte) i});
      }
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Wal wal = Wal.open(tmp, small(true), registry)) {
      assertThat(wal.segmentRange()).isEqualTo(new SegmentRange(0, 3));
      assertThat(wal.nextSegment()).isEqualTo(4);
      wal.truncate(2);
      assertThat(wal.segmentRange()).isEqualTo(new SegmentRange(2, 4));
      assertThatThrownBy(() -> wal.truncate(5)).isInstanceOf(IllegalArgumentException.class);
      assertThat(registry.get("prometheus_tsdb_wal_truncations").counter().count()).isEqualTo(1);
    }
    assertSameRecords(readAll(tmp), List.of(new byte[] {2}));
  }

  @Test
  void aCheckpointTmpLeftByACrashIsDeletedAtOpen() throws IOException {
    Path leftover = Files.createDirectories(tmp.resolve("checkpoint.00000003.tmp"));
    Files.write(leftover.resolve("00000000"), new byte[10]);
    Wal.open(tmp, small(true), new SimpleMeterRegistry()).close();
    assertThat(leftover).doesNotExist();
  }

  @Test
  void gapsBetweenSegmentsAreRejected() throws IOException {
    Files.write(tmp.resolve("00000000"), new byte[0]);
    Files.write(tmp.resolve("00000002"), new byte[0]);
    assertThatThrownBy(() -> Wal.open(tmp, small(true), new SimpleMeterRegistry()))
        .hasMessageContaining("not sequential");
  }
}
