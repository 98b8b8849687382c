package io.thanosjvm.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.deletion.DeletionSet;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.Series;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample-level filtering of one series (the whole path is checked against Prometheus in the query app). */
class DeletionFilteringStoreTest {

  private static AggrChunk chunk(long from, long to, long step) {
    XorChunkWriter w = new XorChunkWriter();
    for (long t = from; t <= to; t += step) {
      w.append(t, t / 10.0);
    }
    return AggrChunk.newBuilder().setMinTime(from).setMaxTime(to).setRaw(Chunk.newBuilder()
        .setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(w.bytes()))).build();
  }

  private static Series series(String name, AggrChunk... chunks) {
    return Series.newBuilder().addLabels(Label.newBuilder().setName("__name__").setValue(name))
        .addAllChunks(List.of(chunks)).build();
  }

  private static List<Long> timestamps(Series s) {
    List<Long> out = new ArrayList<>();
    for (AggrChunk c : s.getChunksList()) {
      XorIterator it = new XorIterator(c.getRaw().getData().toByteArray());
      while (it.next()) {
        out.add(it.atT());
        assertThat(it.atV()).isEqualTo(it.atT() / 10.0);
      }
      assertThat(c.getMinTime()).isEqualTo(out.get(out.size() - it.numSamples()));
      assertThat(c.getMaxTime()).isEqualTo(out.get(out.size() - 1));
    }
    return out;
  }

  @Test
  void onlyTheSelectedSeriesLosesOnlyItsSamplesInTheRange() {
    DeletionSet set = DeletionSet.of(List.of(DeleteSeriesRequest.of(List.of("secret"), 25, 55, 0),
        DeleteSeriesRequest.of(List.of("secret"), 100, 190, 0)));
    Series s = series("secret", chunk(0, 90, 10), chunk(100, 190, 10), chunk(200, 230, 10));
    Series kept = DeletionFilteringStore.filter(s, set, 0, 1000);
    assertThat(kept.getChunksCount()).as("the chunk inside a range is dropped whole").isEqualTo(2);
    assertThat(timestamps(kept)).containsExactly(0L, 10L, 20L, 60L, 70L, 80L, 90L, 200L, 210L, 220L, 230L);
    assertThat(kept.getChunks(1)).isSameAs(s.getChunks(2)); // untouched chunks pass as they are

    Series other = series("public", chunk(0, 90, 10));
    assertThat(DeletionFilteringStore.filter(other, set, 0, 1000)).isSameAs(other);
  }

  @Test
  void aSeriesWithoutSamplesLeftInTheRequestedRangeIsNotReturned() {
    DeletionSet set = DeletionSet.of(List.of(DeleteSeriesRequest.of(List.of("secret"), 0, 95, 0)));
    assertThat(DeletionFilteringStore.filter(series("secret", chunk(0, 90, 10)), set, 0, 1000)).isNull();
    Series s = series("secret", chunk(0, 190, 10));
    assertThat(DeletionFilteringStore.filter(s, set, 0, 1000)).isNotNull();
    assertThat(DeletionFilteringStore.filter(s, set, 0, 50)).as("what is left is outside 0..50").isNull();
  }
}
