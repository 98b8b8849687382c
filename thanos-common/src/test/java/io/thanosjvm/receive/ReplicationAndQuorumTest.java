package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.receive.hashring.Endpoint;
import io.thanosjvm.receive.hashring.KetamaHashring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationAndQuorumTest {

  @ParameterizedTest
  @CsvSource({"1,1", "2,1", "3,2", "4,3", "5,3", "6,4"})
  void writeQuorumIsAMajorityExceptOneForAPair(int rf, int quorum) {
    assertThat(Replication.quorum(rf)).isEqualTo(quorum);
  }

  @Test
  void modesAreDerivedFromHashringAndLocalEndpoint() {
    assertThat(ReceiverMode.derive(true, true)).isEqualTo(ReceiverMode.ROUTER_INGESTOR);
    assertThat(ReceiverMode.derive(true, false)).isEqualTo(ReceiverMode.ROUTER_ONLY);
    assertThat(ReceiverMode.derive(false, true)).isEqualTo(ReceiverMode.INGESTOR_ONLY);
  }

  @Test
  void replicaHeaderIsOneBasedAndBoundedByTheReplicationFactor() {
    Replication fresh = Replication.plan(0, 3, ReceiverMode.ROUTER_INGESTOR);
    assertThat(fresh.replicas()).containsExactly(0, 1, 2);
    assertThat(fresh.successThreshold()).isEqualTo(2);
    Replication forwarded = Replication.plan(2, 3, ReceiverMode.ROUTER_INGESTOR);
    assertThat(forwarded.replicas()).containsExactly(1);
    assertThat(forwarded.successThreshold()).isEqualTo(1);
    assertThatThrownBy(() -> Replication.plan(4, 3, ReceiverMode.ROUTER_INGESTOR))
        .isInstanceOf(WriteException.class).hasMessage("request replica exceeds receiver replication factor");
    assertThat(Replication.plan(3, 1, ReceiverMode.INGESTOR_ONLY).replicas()).containsExactly(0);
  }

  @Test
  void aSeriesSucceedsAtQuorumAndTheRequestAnswersWithoutTheSlowReplica() {
    QuorumTracker t = new QuorumTracker(2, 3, 2);
    t.succeeded(new int[] {0, 1});
    assertThat(t.decided()).isFalse();
    t.failed(new int[] {0, 1}, WriteErrorCause.UNAVAILABLE, "node-3 down");
    assertThat(t.decided()).isFalse();
    t.succeeded(new int[] {0, 1});
    assertThat(t.decided()).isTrue();
    t.result();
  }

  @Test
  void aQuorumOfConflictsIsAConflictAndMixedCausesAreInternal() {
    QuorumTracker conflicts = new QuorumTracker(1, 3, 2);
    conflicts.failed(new int[] {0}, WriteErrorCause.CONFLICT, "out of order sample");
    conflicts.failed(new int[] {0}, WriteErrorCause.CONFLICT, "out of order sample");
    assertThat(conflicts.decided()).isTrue();
    assertThatThrownBy(conflicts::result).isInstanceOfSatisfying(WriteException.class,
        e -> assertThat(e.writeCause().httpStatus()).isEqualTo(409))
        .hasMessage("conflict: 1 of 1 series failed to reach the write quorum of 2; first error: out of order sample");

    QuorumTracker mixed = new QuorumTracker(1, 3, 2);
    mixed.failed(new int[] {0}, WriteErrorCause.CONFLICT, "duplicate sample for timestamp");
    mixed.failed(new int[] {0}, WriteErrorCause.UNAVAILABLE, "connection refused");
    assertThatThrownBy(mixed::result).isInstanceOfSatisfying(WriteException.class,
        e -> assertThat(e.writeCause()).isEqualTo(WriteErrorCause.INTERNAL));
  }

  @Test
  void replicationFactorTwoNeedsOneWrite() {
    QuorumTracker t = new QuorumTracker(1, 2, Replication.plan(0, 2, ReceiverMode.ROUTER_INGESTOR)
        .successThreshold());
    t.failed(new int[] {0}, WriteErrorCause.UNAVAILABLE, "down");
    t.succeeded(new int[] {0});
    t.result();
  }

  @Test
  void aMissingResponseCountsAsUnavailable() {
    QuorumTracker t = new QuorumTracker(1, 1, 1);
    assertThatThrownBy(t::result).isInstanceOfSatisfying(WriteException.class,
        e -> assertThat(e.writeCause().httpStatus()).isEqualTo(503));
  }

  @Test
  void everyReplicaOfEverySeriesGoesToADistinctEndpointOnce() {
    KetamaHashring ring = new KetamaHashring(List.of(Endpoint.of("a:1"), Endpoint.of("b:1"), Endpoint.of("c:1"),
        Endpoint.of("d:1")), 3);
    List<Labels> series = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      series.add(Labels.of("__name__", "up", "i", Integer.toString(i)));
    }
    SeriesDistribution<Labels> d = SeriesDistribution.<Labels>create()
        .add("t1", series.subList(0, 100), s -> s, ring, List.of(0, 1, 2))
        .add("t2", series.subList(100, 200), s -> s, ring, List.of(0, 1, 2));
    assertThat(d.seriesCount()).isEqualTo(200);
    int[] perSeries = new int[200];
    List<Set<String>> endpointsPerSeries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      endpointsPerSeries.add(new HashSet<>());
    }
    for (Map.Entry<SeriesDistribution.Target, Map<String, SeriesDistribution.TenantBatch<Labels>>> e
        : d.batches().entrySet()) {
      for (Map.Entry<String, SeriesDistribution.TenantBatch<Labels>> tb : e.getValue().entrySet()) {
        int[] ids = tb.getValue().ids();
        for (int k = 0; k < ids.length; k++) {
          perSeries[ids[k]]++;
          endpointsPerSeries.get(ids[k]).add(e.getKey().endpoint().address());
          assertThat(tb.getValue().series().get(k) == series.get(ids[k])).isTrue();
          assertThat(tb.getKey()).isEqualTo(ids[k] < 100 ? "t1" : "t2");
          assertThat(ring.get(tb.getKey(), series.get(ids[k]), e.getKey().replica()))
              .isEqualTo(e.getKey().endpoint());
        }
      }
    }
    for (int i = 0; i < 200; i++) {
      assertThat(perSeries[i]).isEqualTo(3);
      assertThat(endpointsPerSeries.get(i)).hasSize(3);
    }
  }
}
