package io.thanosjvm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cacheutil.XxHash64;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.SeriesRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardMatcherTest {

  private static Labels series(int i) {
    return Labels.of("__name__", "demo_requests_total", "instance", "host-" + i, "job", "job-" + (i % 7), "zone",
        "z" + (i % 3));
  }

  private static long hash(String bytes) {
    return XxHash64.hash(bytes.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void hashesNameSeparatorValueSeparatorOfTheShardingLabelsAsThanosDoes() {
    Labels l = series(5);
    String byJobZone = "job\u00ffjob-5\u00ffzone\u00ffz2\u00ff";
    for (int total = 1; total <= 5; total++) {
      long expectedShard = Long.remainderUnsigned(hash(byJobZone), total);
      for (int i = 0; i < total; i++) {
        boolean kept = ShardMatcher.of(new VerticalShard(i, total, true, List.of("zone", "job"))).matches(l);
        assertThat(kept).as("shard %d of %d", i, total).isEqualTo(i == expectedShard);
      }
    }
    String withoutInstance = "__name__\u00ffdemo_requests_total\u00ffjob\u00ffjob-5\u00ffzone\u00ffz2\u00ff";
    long expected = Long.remainderUnsigned(hash(withoutInstance), 4);
    assertThat(ShardMatcher.of(new VerticalShard(expected, 4, false, List.of("instance"))).matches(l)).isTrue();
    assertThat(ShardMatcher.of(new VerticalShard((expected + 1) % 4, 4, false, List.of("instance"))).matches(l))
        .isFalse();
  }

  @Test
  void everySeriesLandsInExactlyOneShardAndSeriesOfOneGroupTogether() {
    int total = 4;
    int[] perShard = new int[total];
    for (int s = 0; s < 300; s++) {
      Labels l = series(s);
      int hits = 0;
      int shard = -1;
      for (int i = 0; i < total; i++) {
        if (ShardMatcher.of(new VerticalShard(i, total, true, List.of("job"))).matches(l)) {
          hits++;
          shard = i;
        }
      }
      assertThat(hits).isEqualTo(1);
      perShard[shard]++;
      // the same job on another instance goes to the same shard
      Labels sibling = l.toBuilder().set("instance", "other").build();
      assertThat(ShardMatcher.of(new VerticalShard(shard, total, true, List.of("job"))).matches(sibling)).isTrue();
    }
    assertThat(java.util.Arrays.stream(perShard).filter(n -> n > 0).count()).as("7 jobs over 4 shards: shards used")
        .isGreaterThan(1);
  }

  @Test
  void wireLabelsAndModelLabelsAgreeAndTheBufferIsReused() {
    ShardMatcher m = ShardMatcher.of(new VerticalShard(1, 3, false, List.of("instance")));
    for (int s = 0; s < 100; s++) {
      Labels l = series(s).toBuilder().set("long", "x".repeat(s * 7)).build();
      List<Label> wire = new ArrayList<>();
      l.forEach(x -> wire.add(Label.newBuilder().setName(x.name()).setValue(x.value()).build()));
      assertThat(m.matchesWire(wire)).isEqualTo(m.matches(l));
      assertThat(ShardMatcher.of(new VerticalShard(1, 3, false, List.of("instance"))).matches(l))
          .isEqualTo(m.matches(l));
    }
  }

  @Test
  void unshardedRequestsKeepEverything() {
    assertThat(ShardMatcher.of(SeriesRequest.getDefaultInstance()).sharded()).isFalse();
    assertThat(ShardMatcher.of(SeriesRequest.newBuilder().setShardInfo(io.thanosjvm.wire.storepb.ShardInfo
        .newBuilder().setTotalShards(0)).build()).matches(series(1))).isTrue();
    assertThat(ShardMatcher.of(new VerticalShard(0, 1, true, List.of("job"))).matches(series(1))).isTrue();
  }
}
