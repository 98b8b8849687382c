package io.thanosjvm.compact.lifecycle;

import static io.thanosjvm.compact.lifecycle.LifecycleMetas.id;
import static io.thanosjvm.compact.lifecycle.LifecycleMetas.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DownsampleSelectionTest {

  private static final long H = 3_600_000L;

  @Test
  void rawBlocksNeedFortyHoursAndFiveMinuteBlocksTenDays() {
    List<BlockMeta> metas = List.of(meta(1, 0, 40 * H, 0, 1), meta(2, 0, 40 * H - 1, 0, 2),
        meta(3, 0, 240 * H, 300_000, 3), meta(4, 0, 240 * H - 1, 300_000, 4), meta(5, 0, 2400 * H, 3_600_000, 5));
    assertThat(DownsamplePass.candidates(metas, Set.of())).extracting(BlockMeta::ulid)
        .containsExactly(id(1), id(3));
  }

  @Test
  void blocksWhoseSourcesAreAllCoveredAtTheTargetResolutionAreSkipped() {
    List<BlockMeta> metas = List.of(meta(1, 0, 48 * H, 0, 10, 11), meta(2, 0, 48 * H, 300_000, 10, 11),
        meta(3, 0, 48 * H, 0, 12, 13), meta(4, 0, 48 * H, 300_000, 12), meta(5, 0, 48 * H, 3_600_000, 12, 13));
    assertThat(DownsamplePass.candidates(metas, Set.of())).extracting(BlockMeta::ulid)
        .as("block 3 has a source (13) not covered by any 5m block").containsExactly(id(3));
  }

  @Test
  void noDownsampleMarkedBlocksAreSkipped() {
    List<BlockMeta> metas = List.of(meta(2, 0, 48 * H, 0, 2), meta(1, 0, 48 * H, 0, 1));
    assertThat(DownsamplePass.candidates(metas, Set.of(id(1)))).extracting(BlockMeta::ulid).containsExactly(id(2));
    assertThat(DownsamplePass.candidates(metas, Set.of())).extracting(BlockMeta::ulid)
        .as("ULID order").containsExactly(id(1), id(2));
  }
}
