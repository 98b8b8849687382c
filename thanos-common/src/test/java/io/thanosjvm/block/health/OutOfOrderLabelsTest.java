package io.thanosjvm.block.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.index.IndexReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written the way Prometheus 2.8.0 and below could write it, a series' label pairs out of name order (made
 * by swapping the two pairs of a series entry in an index of ours and fixing its CRC): strict readers refuse it,
 * the health check counts it in Thanos' words, and the repair writes a block whose labels are in order.
 */
class OutOfOrderLabelsTest {

  @TempDir Path tmp;

  @Test
  void outOfOrderLabelsAreFoundAndRepaired() throws Exception {
    String id = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
    try (BlockWriter w = new BlockWriter(tmp, id, ThanosMeta.create(Map.of("cluster", "eu"), 0, "sidecar"))) {
      w.addSeries(Labels.of("a", "1", "b", "2"), new long[] {1000, 2000}, new double[] {1, 2}, 2);
      w.commit(1000, 3000);
    }
    Path index = tmp.resolve(id).resolve("index");
    byte[] b = Files.readAllBytes(index);
    long seriesRef;
    try (IndexReader r = IndexReader.open(index)) {
      seriesRef = r.allPostings()[0];
    }
    // symbols "1", "2", "a", "b": the entry's body starts with 2 (labels), then (2,0) (3,1); make it (3,1) (2,0)
    int off = (int) (seriesRef * 16);
    int len = b[off];
    int body = off + 1;
    assertThat(new byte[] {b[body], b[body + 1], b[body + 2], b[body + 3], b[body + 4]})
        .containsExactly(2, 2, 0, 3, 1);
    b[body + 1] = 3;
    b[body + 2] = 1;
    b[body + 3] = 2;
    b[body + 4] = 0;
    int crc = Crc32c.of(b, body, len);
    b[body + len] = (byte) (crc >>> 24);
    b[body + len + 1] = (byte) (crc >>> 16);
    b[body + len + 2] = (byte) (crc >>> 8);
    b[body + len + 3] = (byte) crc;
    Files.write(index, b);

    try (IndexReader r = IndexReader.open(index)) {
      long ref = r.allPostings()[0];
      assertThatThrownBy(() -> r.series(ref)).isInstanceOf(CorruptBlockException.class)
          .hasMessageContaining("label names not strictly ascending");
      assertThat(r.seriesTolerant(ref).labelsOutOfOrder()).isTrue();
      assertThat((Object) r.seriesTolerant(ref).series().labels()).isEqualTo(Labels.of("a", "1", "b", "2"));
    }
    IndexHealthStats stats = IndexHealth.gather(index, 1000, 3000);
    assertThat(stats.outOfOrderLabels()).isEqualTo(1);
    assertThat(stats.anyError()).contains("index contains 1 postings with out of order labels");

    String fixed = "01HZZZZZZZZZZZZZZZZZZZZZZY";
    BlockMeta m = BlockRepairer.repair(tmp.resolve(id), tmp.resolve("out"), fixed);
    assertThat(m.thanos().orElseThrow().source()).isEqualTo("bucket.repair");
    assertThat(m.numSamples()).isEqualTo(2);
    try (IndexReader r = IndexReader.open(tmp.resolve("out").resolve(fixed).resolve("index"))) {
      assertThat((Object) r.series(r.allPostings()[0]).labels()).isEqualTo(Labels.of("a", "1", "b", "2"));
    }
    assertThat(IndexHealth.gather(tmp.resolve("out").resolve(fixed).resolve("index"), 1000, 3000).anyError())
        .isEmpty();
  }
}
