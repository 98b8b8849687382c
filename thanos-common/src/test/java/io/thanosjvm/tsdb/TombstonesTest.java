package io.thanosjvm.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.Varints;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TombstonesTest {

  @TempDir
  Path tmp;

  @Test
  void emptyFileIsExactlyNineBytesAndDeletedIntervalsAreSkipped() throws Exception {
    Ulid ulids = new Ulid(java.time.Clock.systemUTC(), new java.util.Random(3));
    String id = ulids.next();
    try (BlockWriter w = new BlockWriter(tmp, id, null)) {
      long[] ts = new long[10];
      double[] vs = new double[10];
      for (int i = 0; i < 10; i++) {
        ts[i] = i * 1000L;
        vs[i] = i;
      }
      w.addSeries(io.thanosjvm.model.Labels.of("__name__", "a"), ts, vs, 10);
      w.addSeries(io.thanosjvm.model.Labels.of("__name__", "b"), ts, vs, 10);
      w.commit();
    }
    Path block = tmp.resolve(id);
    assertThat(Files.readAllBytes(block.resolve("tombstones")))
        .containsExactly(0x01, 0x30, 0xba, 0x30, 0x01, 0, 0, 0, 0);
    long refB;
    try (Block b = Block.open(block)) {
      refB = b.index().allPostings()[1];
    }
    byte[] entries = new byte[40];
    int n = Varints.putUvarint(entries, 0, refB);
    n = Varints.putVarint(entries, n, 2000);
    n = Varints.putVarint(entries, n, 4000);
    byte[] file = new byte[5 + n + 4];
    System.arraycopy(new byte[] {0x01, 0x30, (byte) 0xba, 0x30, 0x01}, 0, file, 0, 5);
    System.arraycopy(entries, 0, file, 5, n);
    int crc = Crc32c.of(file, 5, n);
    file[5 + n] = (byte) (crc >>> 24);
    file[6 + n] = (byte) (crc >>> 16);
    file[7 + n] = (byte) (crc >>> 8);
    file[8 + n] = (byte) crc;
    Files.write(block.resolve("tombstones"), file);
    try (BlockQuerier q = BlockQuerier.open(block)) {
      StringWriter out = new StringWriter();
      DumpCommand.dump(q, TimeRange.ALL, List.of(), out);
      List<String> lines = out.toString().lines().toList();
      assertThat(lines.stream().filter(l -> l.startsWith("{__name__=\"a\"}"))).hasSize(10);
      assertThat(lines.stream().filter(l -> l.startsWith("{__name__=\"b\"}")).map(l -> l.split(" ")[2]))
          .containsExactlyElementsOf(Arrays.asList("0", "1000", "5000", "6000", "7000", "8000", "9000"));
      assertThat(q.blocks().get(0).tombstones().size()).isEqualTo(1);
    }
  }
}
