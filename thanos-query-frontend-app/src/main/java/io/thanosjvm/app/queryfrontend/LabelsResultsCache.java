package io.thanosjvm.app.queryfrontend;

import io.thanosjvm.queryfrontend.cache.ResponseCache;

/**
 * The configured labels/series results cache, closed at shutdown.
 *
 * @param cache the cache, or null when none is configured
 */
record LabelsResultsCache(ResponseCache cache) implements AutoCloseable {

  @Override
  public void close() {
    if (cache != null) {
      cache.close();
    }
  }
}
