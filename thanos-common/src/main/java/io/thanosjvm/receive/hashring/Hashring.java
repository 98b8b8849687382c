package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import java.util.List;

/** Finds the receivers that store a tenant's series: replica 0 first, then 1, ... on distinct endpoints. */
public interface Hashring {

  /**
   * The endpoint holding replica {@code replica} (0-based) of a series.
   *
   * @param tenant the tenant the series belongs to
   * @param series its labels, sorted (as remote write sends them)
   * @throws InsufficientNodesException when the ring has no more than {@code replica} endpoints
   */
  Endpoint get(String tenant, Labels series, int replica);

  /** Every endpoint of the ring. */
  List<Endpoint> nodes();
}
