package io.thanosjvm.receive.hashring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KetamaHashringTest {

  private static List<Endpoint> nodes(String... addresses) {
    List<Endpoint> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(Endpoint.of(a));
    }
    return out;
  }

  /** The placements Thanos' own ketama tests expect (10 sections per node, tenant "tenant"). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "node-1,node-2,node-3        | nginx  | 0 | node-2",
      "node-1,node-2,node-3        | nginx  | 1 | node-1",
      "node-1,node-2,node-3        | nginx  | 2 | node-3",
      "node-1,node-3,node-2        | nginx  | 2 | node-3",
      "node-0,node-1,node-2,node-3 | nginx  | 0 | node-2",
      "node-1,node-2,node-3,node-4 | nginx  | 0 | node-2",
      "node-1,node-2,node-3        | thanos | 0 | node-3"})
  void placesSeriesExactlyAsThanos(String addresses, String pod, int replica, String expected) {
    KetamaHashring ring = new KetamaHashring(nodes(addresses.split(",")), 10, replica + 1);
    assertThat(ring.get("tenant", Labels.of("pod", pod), replica).address()).isEqualTo(expected);
  }

  @Test
  void refusesFewerEndpointsThanReplicas() {
    assertThatThrownBy(() -> new KetamaHashring(nodes("node-1"), 1, 2))
        .hasMessageContaining("amount of endpoints needs to be larger than replication factor");
  }

  @Test
  void addingEndpointsOnlyTakesSeriesAwayFromOldOnes() {
    Map<String, Set<Integer>> before = assign(new KetamaHashring(nodes("node-1", "node-3"), 1), 1);
    Map<String, Set<Integer>> after = assign(new KetamaHashring(nodes("node-1", "node-2", "node-3"), 1), 1);
    for (String old : List.of("node-1", "node-3")) {
      assertThat(before.get(old)).containsAll(after.get(old));
    }
    assertThat(after.get("node-2")).isNotEmpty();
  }

  @Test
  void replicasLandOnDistinctEndpointsSpreadEvenly() {
    List<Endpoint> ring = List.of(Endpoint.inZone("a", "1"), Endpoint.inZone("b", "2"), Endpoint.inZone("c", "3"),
        Endpoint.inZone("d", "2"), Endpoint.inZone("e", "1"), Endpoint.inZone("f", "3"));
    KetamaHashring h = new KetamaHashring(ring, 3);
    Map<String, Integer> perNode = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      Labels s = Labels.of("foo", Integer.toString(i));
      Set<String> zones = new HashSet<>();
      Set<String> addresses = new HashSet<>();
      for (int r = 0; r < 3; r++) {
        Endpoint e = h.get("default-tenant", s, r);
        zones.add(e.az());
        addresses.add(e.address());
        perNode.merge(e.address(), 1, Integer::sum);
      }
      assertThat(addresses).hasSize(3);
      assertThat(zones).hasSize(3);
    }
    int optimal = 10_000 * 3 / ring.size();
    perNode.values().forEach(n -> assertThat(Math.abs(n - optimal) / (double) optimal).isLessThan(0.1));
  }

  @Test
  void asksBeyondTheEndpointsFail() {
    KetamaHashring ring = new KetamaHashring(nodes("a", "b"), 2);
    assertThatThrownBy(() -> ring.get("t", Labels.of("a", "b"), 2))
        .isInstanceOf(InsufficientNodesException.class).hasMessage("insufficient nodes; have 2, want 3");
  }

  private static Map<String, Set<Integer>> assign(Hashring ring, int replicas) {
    Map<String, Set<Integer>> out = new HashMap<>();
    for (Endpoint e : ring.nodes()) {
      out.put(e.address(), new HashSet<>());
    }
    for (int i = 0; i < 5_000; i++) {
      for (int r = 0; r < replicas; r++) {
        out.get(ring.get("tenant", Labels.of("__name__", "up", "i", Integer.toString(i)), r).address()).add(i);
      }
    }
    return out;
  }
}
