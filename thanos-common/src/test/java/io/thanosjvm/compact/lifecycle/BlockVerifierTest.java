package io.thanosjvm.compact.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.InvalidBlockException;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockVerifierTest {

  private static final String ULID = "01J00000000000000000000001";

  @TempDir Path dir;

  @Test
  void aGeneratedBlockIsHealthy() throws Exception {
    BlockMeta m = TestBlocks.generate(dir, 5, 2, Map.of("a", "b")).get(0);
    assertThat(BlockVerifier.verify(dir.resolve(m.ulid())).ulid()).isEqualTo(m.ulid());
  }

  @Test
  void aChunkOutsideTheBlockRangeIsReported() throws Exception {
    try (BlockWriter w = new BlockWriter(dir, ULID, null)) {
      w.addSeries(Labels.of("__name__", "up"), new long[] {1000, 2000, 3000}, new double[] {1, 2, 3}, 3);
      w.commit(1000, 2500);
    }
    assertThatThrownBy(() -> BlockVerifier.verify(dir.resolve(ULID))).isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining(ULID).hasMessageContaining("outside the block range");
  }

  @Test
  void aCorruptChunkIsReported() throws Exception {
    try (BlockWriter w = new BlockWriter(dir, ULID, null)) {
      w.addSeries(Labels.of("__name__", "up"), new long[] {1000, 2000, 3000}, new double[] {1, 2, 3}, 3);
      w.commit();
    }
    try (FileChannel ch = FileChannel.open(dir.resolve(ULID).resolve("chunks/000001"), StandardOpenOption.WRITE,
        StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, 12);
      b.put(0, (byte) (b.get(0) ^ 0x5a));
      b.rewind();
      ch.write(b, 12);
    }
    assertThatThrownBy(() -> BlockVerifier.verify(dir.resolve(ULID))).isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining(ULID);
  }
}
