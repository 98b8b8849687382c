package io.thanosjvm.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dedup path of {@link StoreQueryable} against an in-process store answering as the proxy does after merging
 * replicas: one series per label set whose chunks from different replicas overlap in time.
 */
class StoreQueryableDedupTest {

  private static final long STEP = 15_000;

  /** A real XOR chunk with samples k in [from, to) at k * 15 s, value k (+ bias), skipping [gapFrom, gapTo). */
  private static AggrChunk chunk(int from, int to, int gapFrom, int gapTo, double bias) {
    XorChunkWriter w = new XorChunkWriter();
    for (int k = from; k < to; k++) {
      if (k < gapFrom || k >= gapTo) {
        w.append(k * STEP, k + bias);
      }
    }
    return AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime()).setRaw(
        Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(w.bytes()))).build();
  }

  private static Series series(String job, AggrChunk... chunks) {
    return Series.newBuilder().addLabels(Label.newBuilder().setName("__name__").setValue("up"))
        .addLabels(Label.newBuilder().setName("job").setValue(job)).addAllChunks(List.of(chunks)).build();
  }

  /** Serves fixed frames and records the request. */
  private static final class Frames extends StoreGrpc.StoreImplBase {
    final List<SeriesRequest> requests = new ArrayList<>();
    final List<Series> frames;

    Frames(Series... frames) {
      this.frames = List.of(frames);
    }

    @Override
    public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
      requests.add(request);
      frames.forEach(s -> out.onNext(SeriesResponse.newBuilder().setSeries(s).build()));
      out.onCompleted();
    }
  }

  private static List<String> select(StoreQueryable q, String function) {
    List<String> out = new ArrayList<>();
    try (SeriesSet set = q.select(new SelectHints(0, 100 * STEP, STEP, function, 0, List.of(), false),
        List.of(Matcher.of(MatchType.EQUAL, "__name__", "up")))) {
      while (set.next()) {
        StringBuilder sb = new StringBuilder(set.at().labels().get("job")).append(':');
        SampleIterator it = set.at().iterator();
        int n = 0;
        while (it.next()) {
          n++;
        }
        out.add(sb.append(n).toString());
      }
    }
    return out;
  }

  @Test
  void overlappingReplicaChunksAreDeduplicatedAndTheRequestDropsReplicaLabels() {
    // replica 1 misses k 20..39, replica 2 misses k 60..79; both 100 samples otherwise
    Frames store = new Frames(series("a", chunk(0, 100, 20, 40, 0), chunk(0, 100, 60, 80, 0)),
        series("b", chunk(0, 50, 0, 0, 0)));
    StoreQueryable q = new StoreQueryable(store, PartialResponseStrategy.ABORT, List.of("replica"));
    // the 2 samples inside the penalty window after each of the 2 switches are not used (Thanos semantics)
    assertThat(select(q, "")).containsExactly("a:96", "b:50");
    assertThat(store.requests.get(0).getWithoutReplicaLabelsList()).containsExactly("replica");
  }

  @Test
  void withoutReplicaLabelsOverlappingChunksAreMergedByTimestampAsBefore() {
    Frames store = new Frames(series("a", chunk(0, 100, 20, 40, 0), chunk(0, 100, 60, 80, 0)));
    StoreQueryable q = new StoreQueryable(store, PartialResponseStrategy.ABORT);
    assertThat(select(q, "")).containsExactly("a:100");
    assertThat(store.requests.get(0).getWithoutReplicaLabelsList()).isEmpty();
  }

  @Test
  void consecutiveFramesWithEqualLabelsFormOneReplicaGroup() {
    Frames store = new Frames(series("a", chunk(0, 100, 20, 40, 0)), series("a", chunk(0, 100, 60, 80, 0)));
    assertThat(select(new StoreQueryable(store, PartialResponseStrategy.ABORT, List.of("replica")), "rate"))
        .containsExactly("a:96");
  }
}
