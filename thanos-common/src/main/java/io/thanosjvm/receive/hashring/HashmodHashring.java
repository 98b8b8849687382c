package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Thanos' {@code hashmod} ring: endpoints sorted by address; replica {@code n} of a series goes to endpoint
 * {@code (hash + n) mod size}, the hash taken as an unsigned 64-bit number. Zones are not supported.
 */
public final class HashmodHashring implements Hashring {

  private final List<Endpoint> endpoints;

  /**
   * A ring over {@code endpoints}.
   *
   * @throws IllegalArgumentException when an endpoint names a zone (Thanos refuses that too) or none is given
   */
  public HashmodHashring(List<Endpoint> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("hashring has no endpoints");
    }
    for (Endpoint e : endpoints) {
      if (!e.az().isEmpty()) {
        throw new IllegalArgumentException("Hashmod algorithm does not support AZ aware hashring configuration. "
            + "Either use Ketama or remove AZ configuration.");
      }
    }
    List<Endpoint> sorted = new ArrayList<>(endpoints);
    sorted.sort(Comparator.comparing(Endpoint::address));
    this.endpoints = List.copyOf(sorted);
  }

  @Override
  public Endpoint get(String tenant, Labels series, int replica) {
    if (replica < 0 || replica >= endpoints.size()) {
      throw new InsufficientNodesException(endpoints.size(), (long) replica + 1);
    }
    long h = SeriesHash.of(tenant, series) + replica;
    return endpoints.get((int) Long.remainderUnsigned(h, endpoints.size()));
  }

  @Override
  public List<Endpoint> nodes() {
    return endpoints;
  }
}
