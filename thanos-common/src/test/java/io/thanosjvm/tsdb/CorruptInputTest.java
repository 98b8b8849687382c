package io.thanosjvm.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.chunkenc.ChunkFormatException;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt files give typed exceptions naming the file and offset: never a wrong answer, never an OOM. */
class CorruptInputTest {

  @TempDir
  Path tmp;
  Path block;
  String original;
  int copies;

  @BeforeEach
  void writeBlock() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    List<BlockMeta> metas = new GenerateCommand(clock).generate(new GenerateCommand.Options(tmp.resolve("gen"), 40,
        1_700_000_000_000L - 1_700_000_000_000L % 7_200_000, 7_200_000, 60_000, 7_200_000, 5, new TreeMap<>()));
    block = tmp.resolve("gen").resolve(metas.get(0).ulid());
    original = dump(block);
    assertThat(original.lines().count()).isEqualTo(40 * 120);
  }

  private static String dump(Path dir) throws IOException {
    try (BlockQuerier q = BlockQuerier.open(dir)) {
      StringWriter w = new StringWriter();
      DumpCommand.dump(q, TimeRange.ALL, List.of(), w);
      return w.toString();
    }
  }

  private Path copy() throws IOException {
    Path c = tmp.resolve("copy" + copies++).resolve(block.getFileName().toString());
    Promtool.copyTree(block, c);
    return c;
  }

  private static void mutate(Path file, long offset, int xor) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[(int) offset] ^= (byte) xor;
    Files.write(file, b);
  }

  private static void truncate(Path file, int len) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), len));
  }

  @Test
  void truncatedIndexNamesTheFile() throws Exception {
    long size = Files.size(block.resolve("index"));
    for (long len : new long[] {0, 3, 20, size / 2, size - 1}) {
      Path c = copy();
      truncate(c.resolve("index"), (int) len);
      assertThatThrownBy(() -> dump(c)).as("len %d", len).isInstanceOf(CorruptBlockException.class)
          .hasMessageContaining(c.resolve("index").toString());
    }
  }

  @Test
  void wrongMagicNumbersAreReportedAtOffsetZero() throws Exception {
    Path c = copy();
    mutate(c.resolve("index"), 0, 0xFF);
    assertThatThrownBy(() -> dump(c)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("index at offset 0: invalid magic number");
    Path d = copy();
    mutate(d.resolve("chunks/000001"), 1, 0x01);
    assertThatThrownBy(() -> dump(d)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("chunks/000001 at offset 0: invalid magic number")
        .satisfies(e -> assertThat(((CorruptBlockException) e).offset()).isZero());
  }

  @Test
  void badChecksumsInSeriesAndChunksAreDetected() throws Exception {
    Path c = copy();
    long seriesStart = 0;
    try (Block b = Block.open(block)) {
      seriesStart = b.index().allPostings()[3] * 16L;
    }
    mutate(c.resolve("index"), seriesStart + 3, 0x10);
    assertThatThrownBy(() -> dump(c)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("at offset " + seriesStart).hasMessageContaining("checksum mismatch");

    Path d = copy();
    mutate(d.resolve("chunks/000001"), 200, 0x04);
    assertThatThrownBy(() -> dump(d)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("chunks/000001 at offset").hasMessageContaining("checksum mismatch");
  }

  @Test
  void hugeLengthsFromDiskAreRejectedNotAllocated() throws Exception {
    Path c = copy();
    Path index = c.resolve("index");
    byte[] b = Files.readAllBytes(index);
    // Symbol table length field at offset 5.
    b[5] = (byte) 0xFF;
    b[6] = (byte) 0xFF;
    b[7] = (byte) 0xFF;
    b[8] = (byte) 0xF0;
    Files.write(index, b);
    assertThatThrownBy(() -> dump(c)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("symbol table length");

    Path d = copy();
    byte[] seg = Files.readAllBytes(d.resolve("chunks/000001"));
    // First chunk's length uvarint at offset 8: make it ~2^56.
    byte[] bigger = new byte[seg.length + 7];
    System.arraycopy(seg, 0, bigger, 0, 8);
    Arrays.fill(bigger, 8, 16, (byte) 0xFF);
    System.arraycopy(seg, 9, bigger, 16, seg.length - 9);
    Files.write(d.resolve("chunks/000001"), bigger);
    assertThatThrownBy(() -> dump(d)).isInstanceOf(CorruptBlockException.class);
  }

  @Test
  void truncatedChunkSegmentAndBadMetaAndTombstonesAreTyped() throws Exception {
    Path c = copy();
    truncate(c.resolve("chunks/000001"), (int) Files.size(c.resolve("chunks/000001")) - 10);
    assertThatThrownBy(() -> dump(c)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("chunks/000001");
    Path d = copy();
    Files.writeString(d.resolve("meta.json"), "{\"version\": 1, \"ulid\": ");
    assertThatThrownBy(() -> dump(d)).isInstanceOf(InvalidMetaException.class).hasMessageContaining("meta.json");
    Path e = copy();
    Files.write(e.resolve("tombstones"), new byte[] {0x01, 0x30, (byte) 0xba, 0x30, 0x01, 5, 0, 0, 0, 0});
    assertThatThrownBy(() -> dump(e)).isInstanceOf(CorruptBlockException.class).hasMessageContaining("tombstones");
  }

  @Test
  void randomByteFlipsNeverChangeTheAnswerSilently() throws Exception {
    SplittableRandom r = new SplittableRandom(17);
    Path c = copy();
    byte[] index = Files.readAllBytes(block.resolve("index"));
    byte[] chunks = Files.readAllBytes(block.resolve("chunks/000001"));
    int detected = 0;
    for (int i = 0; i < 300; i++) {
      boolean inIndex = i % 2 == 0;
      byte[] b = (inIndex ? index : chunks).clone();
      int pos = r.nextInt(b.length);
      b[pos] ^= (byte) (1 << r.nextInt(8));
      if (r.nextInt(10) == 0) {
        b = Arrays.copyOf(b, r.nextInt(b.length));
      }
      Files.write(c.resolve("index"), inIndex ? b : index);
      Files.write(c.resolve("chunks/000001"), inIndex ? chunks : b);
      try {
        String out = dump(c);
        assertThat(out).as("flip at %d of %s went undetected", pos, inIndex ? "index" : "chunks").isEqualTo(original);
      } catch (CorruptBlockException | ChunkFormatException e) {
        detected++;
      } catch (RuntimeException e) {
        fail("untyped failure for flip at " + pos + " of " + (inIndex ? "index" : "chunks"), e);
      }
    }
    assertThat(detected).isGreaterThan(200);
  }
}
