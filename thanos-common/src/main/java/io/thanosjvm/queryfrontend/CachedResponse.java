package io.thanosjvm.queryfrontend;


import java.util.List;

/**
 * What the results cache stores under a key (Thanos' {@code CachedResponse{1 key, 2 extents}}): the full key
 * (to detect hash collisions) and the extents, sorted by start and not overlapping.
 *
 * @param key the unhashed cache key
 * @param extents the cached extents
 */
public record CachedResponse(String key, List<Extent> extents) {

  /** Copies the list. */
  public CachedResponse {
    extents = List.copyOf(extents);
  }
}
