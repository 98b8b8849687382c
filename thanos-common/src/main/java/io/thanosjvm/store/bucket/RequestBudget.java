package io.thanosjvm.store.bucket;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.store.StoreRequestException;

/**
 * What one Series request has touched so far, checked against {@link StoreLimits} <em>before</em> each step
 * allocates: a request over a limit fails with {@code ResourceExhausted} and nothing more is read. Also the
 * request's statistics for metrics. Used by one request (internally synchronized for parallel block work).
 */
public final class RequestBudget {

  private final StoreLimits limits;
  private long series;
  private long chunks;
  private long bytes;
  private long postingsBytes;
  private long seriesBytes;
  private long chunkBytes;

  /** A fresh budget under {@code limits}. */
  public RequestBudget(StoreLimits limits) {
    this.limits = limits;
  }

  /** Reserves {@code n} more series. */
  public synchronized void reserveSeries(long n) {
    series += n;
    if (limits.series() > 0 && series > limits.series()) {
      throw StoreRequestException.resourceExhausted("exceeded series limit: limit " + limits.series()
          + " series, the request touches at least " + series + " (--" + FlagNames.STORE_LIMITS_REQUEST_SERIES + ")");
    }
  }

  /** Reserves {@code n} more chunks (samples limit / 120). */
  public synchronized void reserveChunks(long n) {
    chunks += n;
    if (limits.samples() > 0 && chunks * StoreLimits.SAMPLES_PER_CHUNK > limits.samples()) {
      throw StoreRequestException.resourceExhausted("exceeded samples limit: limit " + limits.samples()
          + " samples, the request needs at least " + chunks + " chunks of up to "
          + StoreLimits.SAMPLES_PER_CHUNK + " samples (--" + FlagNames.STORE_LIMITS_REQUEST_SAMPLES + ")");
    }
  }

  /** The kind of bytes read, for statistics. */
  public enum Kind {
    /** Postings lists. */
    POSTINGS,
    /** Series entries. */
    SERIES,
    /** Chunk data. */
    CHUNKS
  }

  /** Reserves {@code n} more bytes to be read from the bucket. */
  public synchronized void reserveBytes(Kind kind, long n) {
    bytes += n;
    switch (kind) {
      case POSTINGS -> postingsBytes += n;
      case SERIES -> seriesBytes += n;
      default -> chunkBytes += n;
    }
    if (limits.downloadedBytes() > 0 && bytes > limits.downloadedBytes()) {
      throw StoreRequestException.resourceExhausted("exceeded bytes limit: limit " + limits.downloadedBytes()
          + " bytes, the request would download at least " + bytes + " (--" + FlagNames.STORE_DOWNLOADED_BYTES_LIMIT + ")");
    }
  }

  /** Series touched so far. */
  public synchronized long series() {
    return series;
  }

  /** Chunks touched so far. */
  public synchronized long chunks() {
    return chunks;
  }

  /** Bytes read so far, by kind. */
  public synchronized long bytes(Kind kind) {
    return switch (kind) {
      case POSTINGS -> postingsBytes;
      case SERIES -> seriesBytes;
      default -> chunkBytes;
    };
  }
}
