package io.thanosjvm.queryfrontend;

import java.util.ArrayList;
import java.util.List;

/**
 * Thanos' results cache key of a range (sub-)request: {@code fe:<tenant>:<query>:<step>:<splitInterval>:
 * <start / splitInterval>:<resolution index>:<shard>:<lookback delta>:<engine>:<partial response>:
 * <sorted replica labels>:<analyze>}, where the resolution index is the position in (1h, 5m, raw) of the first
 * resolution not above {@code max_source_resolution} and the shard is {@code <total>:<index>} for a vertical
 * shard, {@code -} otherwise.
 *
 * <p>One addition: a request whose start is not a multiple of its step (possible with
 * {@code --no-query-range.align-range-with-step}) gets {@code :<start mod step>} appended, so that extents computed on
 * different step grids never share a key. Thanos' and Cortex' keys omit it, and a range with another start phase came
 * back from the cache on the first query's grid (shifted timestamps, one point fewer than Prometheus). Aligned
 * requests keep Thanos' key exactly.
 */
public final class CacheKey {

  private static final long[] RESOLUTIONS = {3_600_000L, 300_000L, 0L};

  private CacheKey() {}

  /** The key of {@code r} for the tenant and split interval (0 when not splitting). */
  public static String of(RangeRequest r, String tenant, long splitIntervalMs) {
    long interval = splitIntervalMs > 0 ? Math.floorDiv(r.start(), splitIntervalMs) : 0;
    List<String> replicas = new ArrayList<>(r.replicaLabels());
    replicas.sort(null);
    return "fe:" + tenant + ":" + r.query() + ":" + r.step() + ":" + splitIntervalMs + ":" + interval + ":"
        + resolutionIndex(r.maxSourceResolution()) + ":" + shard(r) + ":" + r.lookbackDelta() + ":" + r.engine() + ":"
        + r.partialResponse() + ":" + String.join(",", replicas) + ":" + r.analyze() + gridPhase(r);
  }

  private static String shard(RangeRequest r) {
    return r.shard() == null ? "-" : r.shard().total() + ":" + r.shard().index();
  }

  private static String gridPhase(RangeRequest r) {
    long phase = r.step() > 0 ? Math.floorMod(r.start(), r.step()) : 0;
    return phase == 0 ? "" : ":" + phase;
  }

  static int resolutionIndex(long maxSourceResolution) {
    for (int i = 0; i < RESOLUTIONS.length; i++) {
      if (RESOLUTIONS[i] <= maxSourceResolution) {
        return i;
      }
    }
    return RESOLUTIONS.length - 1;
  }
}
