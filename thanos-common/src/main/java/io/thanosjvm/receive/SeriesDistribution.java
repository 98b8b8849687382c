package io.thanosjvm.receive;

import io.thanosjvm.model.Labels;
import io.thanosjvm.receive.hashring.Endpoint;
import io.thanosjvm.receive.hashring.Hashring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The series of one request grouped by where they go: for every replica to write, each series' endpoint from the
 * hashring; one batch per (endpoint, replica) holding per tenant the series and their ids in the request (the ids
 * let the {@link QuorumTracker} count replicas per series). Generic in the series type so the HTTP path and the
 * gRPC forwarding path share it.
 *
 * @param <S> the series representation (e.g. the remote-write protobuf)
 */
public final class SeriesDistribution<S> {

  /** Where a batch goes: an endpoint and the 0-based replica it holds there. */
  public record Target(Endpoint endpoint, int replica) {}

  /** The series of one tenant in a batch, with their ids in the request. */
  public static final class TenantBatch<S> {
    private final List<S> series = new ArrayList<>();
    private int[] ids = new int[8];
    private int size;

    void add(int id, S s) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
      series.add(s);
    }

    /** The series, in request order. */
    public List<S> series() {
      return series;
    }

    /** Their ids in the request. */
    public int[] ids() {
      return Arrays.copyOf(ids, size);
    }
  }

  private final Map<Target, Map<String, TenantBatch<S>>> batches = new LinkedHashMap<>();
  private int seriesCount;

  private SeriesDistribution() {}

  /** An empty distribution; {@link #add} each tenant's series in request order. */
  public static <S> SeriesDistribution<S> create() {
    return new SeriesDistribution<>();
  }

  /**
   * Adds a tenant's series, placing each replica of each on the ring.
   *
   * @param labelsOf the sorted labels of a series, which place it on the ring
   * @param replicas the 0-based replicas to write ({@link Replication#replicas()})
   * @throws io.thanosjvm.receive.hashring.InsufficientNodesException when the ring is smaller than a replica
   */
  public SeriesDistribution<S> add(String tenant, List<S> series, Function<S, Labels> labelsOf,
      Hashring ring, List<Integer> replicas) {
    for (S s : series) {
      int id = seriesCount++;
      Labels labels = labelsOf.apply(s);
      for (int replica : replicas) {
        Target t = new Target(ring.get(tenant, labels, replica), replica);
        batches.computeIfAbsent(t, k -> new LinkedHashMap<>())
            .computeIfAbsent(tenant, k -> new TenantBatch<>()).add(id, s);
      }
    }
    return this;
  }

  /** Every batch, by target, then tenant. */
  public Map<Target, Map<String, TenantBatch<S>>> batches() {
    return batches;
  }

  /** How many series were added. */
  public int seriesCount() {
    return seriesCount;
  }
}
