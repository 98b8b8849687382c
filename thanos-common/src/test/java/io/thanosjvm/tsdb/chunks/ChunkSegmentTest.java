package io.thanosjvm.tsdb.chunks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkSegmentTest {

  @TempDir
  Path tmp;

  @Test
  void writerCutsSegmentsAtTheMaximumSizeAndReaderResolvesEveryReference() throws Exception {
    Path dir = tmp.resolve("chunks");
    SplittableRandom r = new SplittableRandom(2);
    List<byte[]> data = new ArrayList<>();
    List<Long> refs = new ArrayList<>();
    try (ChunkWriter w = new ChunkWriter(dir, 4096)) {
      for (int i = 0; i < 200; i++) {
        byte[] d = new byte[1 + r.nextInt(300)];
        r.nextBytes(d);
        data.add(d);
        refs.add(w.write(1 + (i % 3), d, 0, d.length));
      }
    }
    List<Path> files = SegmentFiles.list(dir);
    assertThat(files.size()).isGreaterThan(5);
    assertThat(files.get(0).getFileName().toString()).isEqualTo("000001");
    for (Path f : files) {
      assertThat(Files.size(f)).isLessThanOrEqualTo(4096);
    }
    assertThat(ChunkRef.offset(refs.get(0))).isEqualTo(8);
    try (ChunkReader reader = ChunkReader.open(dir)) {
      assertThat(reader.segmentCount()).isEqualTo(files.size());
      for (int i = 0; i < data.size(); i++) {
        Chunk c = reader.read(refs.get(i));
        assertThat(c.encoding()).isEqualTo(1 + (i % 3));
        assertThat(c.data()).isEqualTo(data.get(i));
      }
      assertThatThrownBy(() -> reader.read(ChunkRef.of(999, 8))).isInstanceOf(CorruptBlockException.class);
      assertThatThrownBy(() -> reader.read(ChunkRef.of(0, 3))).isInstanceOf(CorruptBlockException.class);
    }
  }
}
