package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hashrings of one hashrings file: a tenant is served by the first hashring whose {@code tenants} match it (a
 * hashring without tenants matches every tenant), remembered per tenant; each hashring places series with its own
 * algorithm or the default one.
 */
public final class MultiHashring implements Hashring {

  private final List<HashringConfig> configs;
  private final List<Hashring> rings;
  private final List<Endpoint> nodes;
  private final ConcurrentHashMap<String, Hashring> byTenant = new ConcurrentHashMap<>();

  /**
   * Builds every hashring of {@code configs}.
   *
   * @param defaultAlgorithm the {@code --receive.hashrings-algorithm} used where a hashring names none
   * @param replicationFactor {@code --receive.replication-factor}
   * @throws IllegalArgumentException when a hashring cannot be built (e.g. fewer ketama endpoints than replicas)
   */
  public MultiHashring(List<HashringConfig> configs, HashringAlgorithm defaultAlgorithm, int replicationFactor) {
    this.configs = List.copyOf(configs);
    List<Hashring> built = new ArrayList<>();
    List<Endpoint> all = new ArrayList<>();
    for (HashringConfig c : configs) {
      HashringAlgorithm algorithm = c.algorithm() == null ? defaultAlgorithm : c.algorithm();
      Hashring ring = algorithm == HashringAlgorithm.KETAMA
          ? new KetamaHashring(c.endpoints(), replicationFactor)
          : new HashmodHashring(c.endpoints());
      built.add(ring);
      all.addAll(ring.nodes());
    }
    all.sort(Comparator.comparing(Endpoint::address));
    this.rings = List.copyOf(built);
    this.nodes = List.copyOf(all);
  }

  @Override
  public Endpoint get(String tenant, Labels series, int replica) {
    return ringFor(tenant).get(tenant, series, replica);
  }

  /**
   * The hashring serving {@code tenant}.
   *
   * @throws IllegalArgumentException when no hashring matches the tenant
   */
  public Hashring ringFor(String tenant) {
    Hashring cached = byTenant.get(tenant);
    if (cached != null) {
      return cached;
    }
    for (int i = 0; i < configs.size(); i++) {
      if (configs.get(i).serves(tenant)) {
        byTenant.put(tenant, rings.get(i));
        return rings.get(i);
      }
    }
    throw new IllegalArgumentException("no matching hashring to handle tenant");
  }

  /** The configuration of the hashring serving {@code tenant} (for its external labels), or null. */
  public HashringConfig configFor(String tenant) {
    for (HashringConfig c : configs) {
      if (c.serves(tenant)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public List<Endpoint> nodes() {
    return nodes;
  }
}
