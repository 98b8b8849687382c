package io.thanosjvm.receive.hashring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiHashringTest {

  private static final Labels SERIES = Labels.of("__name__", "up", "job", "node");

  @Test
  void tenantsGoToTheFirstMatchingHashringAndTheRestToTheDefault() {
    List<HashringConfig> cfg = HashringConfigParser.parse("""
        [{"hashring": "teams", "tenants": ["t1-*", "t2"], "tenant_matcher_type": "glob",
          "endpoints": ["node1:10901", "node2:10901", "node3:10901"]},
         {"hashring": "rest", "endpoints": ["node4:10901", {"address": "node5:10901"}, "node6:10901"],
          "external_labels": {"ring": "rest"}}]""");
    MultiHashring ring = new MultiHashring(cfg, HashringAlgorithm.HASHMOD, 3);
    assertThat(ring.get("t2", SERIES, 0).address()).startsWith("node").isIn("node1:10901", "node2:10901",
        "node3:10901");
    assertThat(ring.get("t1-prod", SERIES, 0).address()).isIn("node1:10901", "node2:10901", "node3:10901");
    assertThat(ring.get("t3", SERIES, 0).address()).isIn("node4:10901", "node5:10901", "node6:10901");
    assertThat(ring.configFor("t3").externalLabels().get("ring")).isEqualTo("rest");
    assertThat(ring.nodes()).hasSize(6);
  }

  @Test
  void withoutADefaultHashringAnUnknownTenantIsRefused() {
    MultiHashring ring = new MultiHashring(HashringConfigParser.parse(
        "[{\"tenants\": [\"a\"], \"endpoints\": [\"n1:1\"]}]"), HashringAlgorithm.HASHMOD, 1);
    assertThatThrownBy(() -> ring.get("b", SERIES, 0)).hasMessage("no matching hashring to handle tenant");
  }

  @Test
  void hashmodReplicasAreConsecutiveEndpointsInAddressOrder() {
    HashmodHashring ring = new HashmodHashring(List.of(Endpoint.of("c"), Endpoint.of("a"), Endpoint.of("b")));
    List<String> order = List.of("a", "b", "c");
    for (int i = 0; i < 100; i++) {
      Labels s = Labels.of("i", Integer.toString(i));
      int first = order.indexOf(ring.get("tenant", s, 0).address());
      assertThat(ring.get("tenant", s, 1).address()).isEqualTo(order.get((first + 1) % 3));
      assertThat(ring.get("tenant", s, 2).address()).isEqualTo(order.get((first + 2) % 3));
    }
    assertThat(Long.remainderUnsigned(SeriesHash.of("tenant", SERIES), 3))
        .isEqualTo(order.indexOf(ring.get("tenant", SERIES, 0).address()));
  }

  @Test
  void hashmodRefusesZonesAsThanosDoes() {
    assertThatThrownBy(() -> new MultiHashring(HashringConfigParser.parse(
        "[{\"endpoints\": [{\"address\": \"a:1\", \"az\": \"1\"}, {\"address\": \"b:1\", \"az\": \"2\"}]}]"),
        HashringAlgorithm.HASHMOD, 2))
        .hasMessage("Hashmod algorithm does not support AZ aware hashring configuration. "
            + "Either use Ketama or remove AZ configuration.");
  }

  @Test
  void perHashringAlgorithmOverridesTheFlag() {
    MultiHashring ring = new MultiHashring(HashringConfigParser.parse(
        "[{\"algorithm\": \"ketama\", \"endpoints\": [{\"address\": \"a:1\", \"az\": \"1\"}, "
            + "{\"address\": \"b:1\", \"az\": \"2\"}]}]"), HashringAlgorithm.HASHMOD, 2);
    assertThat(ring.ringFor("any")).isInstanceOf(KetamaHashring.class);
  }
}
