package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import io.thanosjvm.cacheutil.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thanos' {@code ketama} ring: each endpoint owns {@value #SECTIONS_PER_NODE} sections at the XXH64 of
 * {@code "<address>:<i>"} (i = 1..n); a series belongs to the first section at or after its hash (wrapping), and the
 * section's replicas are the next distinct endpoints clockwise, skipping an endpoint whose zone already holds more
 * replicas than the least used zone. Adding an endpoint moves only the series of the sections it takes over.
 *
 * <p>Sections are kept in primitive arrays (hashes, and {@code replicationFactor} endpoint indexes per section),
 * ordered by unsigned hash.
 */
public final class KetamaHashring implements Hashring {

  /** Sections per endpoint, as Thanos' {@code SectionsPerNode}. */
  public static final int SECTIONS_PER_NODE = 1000;

  private final List<Endpoint> endpoints;
  private final long[] hashes;
  private final int[] replicas;
  private final int replicationFactor;

  /** A ring with Thanos' {@value #SECTIONS_PER_NODE} sections per endpoint. */
  public KetamaHashring(List<Endpoint> endpoints, int replicationFactor) {
    this(endpoints, SECTIONS_PER_NODE, replicationFactor);
  }

  /**
   * A ring with {@code sectionsPerNode} sections per endpoint (tests use small rings).
   *
   * @throws IllegalArgumentException when there are fewer endpoints than the replication factor
   */
  public KetamaHashring(List<Endpoint> endpoints, int sectionsPerNode, int replicationFactor) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
    }
    if (endpoints.size() < replicationFactor) {
      throw new IllegalArgumentException("ketama: amount of endpoints needs to be larger than replication factor");
    }
    this.endpoints = List.copyOf(endpoints);
    this.replicationFactor = replicationFactor;
    int n = endpoints.size() * sectionsPerNode;
    long[] sectionHash = new long[n];
    int[] sectionOwner = new int[n];
    int k = 0;
    for (int e = 0; e < endpoints.size(); e++) {
      for (int i = 1; i <= sectionsPerNode; i++) {
        sectionHash[k] = XxHash64.hash((endpoints.get(e).address() + ":" + i).getBytes(StandardCharsets.UTF_8));
        sectionOwner[k] = e;
        k++;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(sectionHash[a], sectionHash[b]));
    this.hashes = new long[n];
    int[] owner = new int[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = sectionHash[order[i]];
      owner[i] = sectionOwner[order[i]];
    }
    this.replicas = placeReplicas(owner, endpoints, replicationFactor);
  }

  /** For each section, the endpoints of its replicas: distinct, clockwise, zones kept even. */
  private static int[] placeReplicas(int[] owner, List<Endpoint> endpoints, int rf) {
    Set<String> zones = new LinkedHashSet<>();
    for (Endpoint e : endpoints) {
      zones.add(e.az());
    }
    int n = owner.length;
    int[] out = new int[n * rf];
    Map<String, Integer> spread = new HashMap<>();
    Set<Integer> chosen = new LinkedHashSet<>();
    for (int s = 0; s < n; s++) {
      chosen.clear();
      spread.clear();
      for (String z : zones) {
        spread.put(z, 0);
      }
      int j = s - 1;
      int filled = 0;
      while (filled < rf) {
        j = (j + 1) % n;
        int candidate = owner[j];
        if (chosen.contains(candidate)) {
          continue;
        }
        String zone = endpoints.get(candidate).az();
        int used = spread.get(zone);
        if (spread.size() > 1 && used > 0 && used > leastUsed(spread)) {
          continue;
        }
        chosen.add(candidate);
        spread.put(zone, used + 1);
        out[s * rf + filled++] = candidate;
      }
    }
    return out;
  }

  private static int leastUsed(Map<String, Integer> spread) {
    int min = Integer.MAX_VALUE;
    for (int v : spread.values()) {
      min = Math.min(min, v);
    }
    return min;
  }

  @Override
  public Endpoint get(String tenant, Labels series, int replica) {
    if (replica < 0 || replica >= endpoints.size()) {
      throw new InsufficientNodesException(endpoints.size(), (long) replica + 1);
    }
    if (replica >= replicationFactor) {
      throw new IllegalArgumentException("replica " + replica + " is beyond the ring's replication factor "
          + replicationFactor);
    }
    long v = SeriesHash.of(tenant, series);
    int section = firstAtOrAfter(v);
    return endpoints.get(replicas[section * replicationFactor + replica]);
  }

  private int firstAtOrAfter(long v) {
    int lo = 0;
    int hi = hashes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(hashes[mid], v) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo == hashes.length ? 0 : lo;
  }

  @Override
  public List<Endpoint> nodes() {
    return endpoints;
  }
}
