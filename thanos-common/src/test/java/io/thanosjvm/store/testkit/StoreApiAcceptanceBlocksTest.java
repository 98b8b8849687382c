package io.thanosjvm.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.Dataset;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.DatasetSeries;
import io.thanosjvm.tsdb.BlockQuerier;
import io.thanosjvm.tsdb.BlockSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset written as 2h blocks reads back, through our block querier, exactly as the dataset. */
class StoreApiAcceptanceBlocksTest {

  /** 2024-06-20T00:00:00Z, a multiple of 2h. */
  private static final long BASE = 1_718_841_600_000L;

  @Test
  void oneBlockPerTwoHourWindowWithExternalLabelsInTheThanosSection(@TempDir Path dir) throws Exception {
    Labels ext = Labels.of("region", "eu-west", "replica", "r1");
    List<BlockMeta> metas = StoreApiAcceptanceBlocks.write(Dataset.standard(BASE), dir, ext);
    assertThat(metas).extracting(BlockMeta::minTime)
        .containsExactly(BASE, BASE + 2 * StoreApiAcceptanceData.HOUR, BASE + 4 * StoreApiAcceptanceData.HOUR);
    assertThat(metas).allSatisfy(m -> {
      assertThat(m.maxTime() - m.minTime()).isEqualTo(StoreApiAcceptanceBlocks.BLOCK_RANGE_MS);
      assertThat(m.thanos().orElseThrow().labels()).isEqualTo(ext.toMap());
      assertThat(m.thanos().orElseThrow().resolution()).isZero();
    });
    assertThat(metas).extracting(BlockMeta::ulid).isSorted();
  }

  @Test
  void blocksReadBackAsTheDataset(@TempDir Path dir) throws Exception {
    Dataset data = Dataset.standard(BASE + 30 * StoreApiAcceptanceData.MINUTE);
    StoreApiAcceptanceBlocks.write(data, dir, Labels.of("replica", "r1"));
    List<DatasetSeries> want = new ArrayList<>(data.series());
    want.sort(Comparator.comparing(DatasetSeries::labels));
    List<Labels> gotLabels = new ArrayList<>();
    try (BlockQuerier q = BlockQuerier.open(dir)) {
      assertThat(q.blocks()).hasSize(3);
      Iterator<BlockSeries> it = q.select(TimeRange.ALL, List.of(Matcher.regex("__name__", ".+")));
      int i = 0;
      while (it.hasNext()) {
        BlockSeries s = it.next();
        gotLabels.add(s.labels());
        DatasetSeries w = want.get(i++);
        assertThat((Object) s.labels()).isEqualTo(w.labels());
        SampleIterator samples = s.iterator();
        int k = 0;
        while (samples.next()) {
          assertThat(samples.atT()).as("%s sample %d", w.labels(), k).isEqualTo(w.timestamps()[k]);
          assertThat(Double.doubleToRawLongBits(samples.atV())).as("%s sample %d", w.labels(), k)
              .isEqualTo(Double.doubleToRawLongBits(w.values()[k]));
          k++;
        }
        assertThat(k).as("%s samples", w.labels()).isEqualTo(w.timestamps().length);
      }
    }
    assertThat(gotLabels).containsExactlyElementsOf(want.stream().map(DatasetSeries::labels).toList());
  }
}
