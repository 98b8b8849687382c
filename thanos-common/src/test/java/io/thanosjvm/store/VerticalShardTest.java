package io.thanosjvm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerticalShardTest {

  @Test
  void jsonIsGoEncodingOfShardInfoWithZeroValuesLeftOut() {
    assertThat(new VerticalShard(0, 3, true, List.of("job", "zone")).toJson())
        .isEqualTo("{\"total_shards\":3,\"by\":true,\"labels\":[\"job\",\"zone\"]}");
    assertThat(new VerticalShard(2, 3, false, List.of()).toJson()).isEqualTo("{\"shard_index\":2,\"total_shards\":3}");
  }

  @Test
  void parsesWhatThanosFrontendSendsAndRoundTrips() {
    assertThat(VerticalShard.parseJson("{\"shard_index\":1,\"total_shards\":4,\"by\":true,\"labels\":[\"pod\"]}"))
        .isEqualTo(new VerticalShard(1, 4, true, List.of("pod")));
    assertThat(VerticalShard.parseJson("{\"total_shards\":2}")).isEqualTo(new VerticalShard(0, 2, false, List.of()));
    VerticalShard s = new VerticalShard(3, 5, false, List.of("instance", "le\"x"));
    assertThat(VerticalShard.parseJson(s.toJson())).isEqualTo(s);
    assertThat(VerticalShard.fromWire(s.toWire())).isEqualTo(s);
  }

  @Test
  void absentOrZeroShardsMeanNoSharding() {
    assertThat(VerticalShard.parseJson(null)).isNull();
    assertThat(VerticalShard.parseJson("")).isNull();
    assertThat(VerticalShard.parseJson("{}")).isNull();
    assertThat(VerticalShard.fromWire(io.thanosjvm.wire.storepb.ShardInfo.getDefaultInstance())).isNull();
  }

  @Test
  void refusesMalformedOrImpossibleShards() {
    for (String bad : List.of("[", "[1]", "{\"total_shards\":\"2\"}", "{\"total_shards\":2,\"shard_index\":2}",
        "{\"total_shards\":2,\"labels\":\"job\"}", "{\"total_shards\":2,\"by\":1}",
        "{\"total_shards\":2,\"shard_index\":-1}")) {
      assertThatThrownBy(() -> VerticalShard.parseJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
