package io.thanosjvm.store.bucket;

/**
 * Per-request limits of a Series call (0 = unlimited), Thanos' {@code --store.limits.request-series},
 * {@code --store.limits.request-samples} and {@code --store.grpc.downloaded-bytes-limit}.
 *
 * @param series most series one request may touch (checked after postings expansion, before fetching series)
 * @param samples most samples one request may fetch, enforced as chunks × 120 before fetching chunks
 * @param downloadedBytes most postings, series and chunk bytes one request may read from the bucket
 */
public record StoreLimits(long series, long samples, long downloadedBytes) {

  /** Samples assumed per chunk when turning the samples limit into a chunk limit (Prometheus' chunk target). */
  public static final int SAMPLES_PER_CHUNK = 120;

  /** No limits. */
  public static final StoreLimits NONE = new StoreLimits(0, 0, 0);

  /** Rejects negative limits. */
  public StoreLimits {
    if (series < 0 || samples < 0 || downloadedBytes < 0) {
      throw new IllegalArgumentException("store limits must be >= 0 (0 = unlimited)");
    }
  }
}
