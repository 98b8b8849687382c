package io.thanosjvm.queryfrontend.cache;

import java.util.List;
import java.util.Map;

/** A byte cache behind the results cache (Cortex' {@code cache.Cache}): best effort, never throws. */
public interface ResponseCache extends AutoCloseable {

  /** The values found for {@code keys} (misses are absent). */
  Map<String, byte[]> fetch(List<String> keys);

  /** Stores {@code value} under {@code key}, possibly asynchronously. */
  void store(String key, byte[] value);

  /** Releases connections and threads. */
  @Override
  void close();
}
