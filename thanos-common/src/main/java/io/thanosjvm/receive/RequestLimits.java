package io.thanosjvm.receive;

/**
 * Per-request limits of Thanos' limits file ({@code write.default.request} or a tenant's {@code
 * write.tenants.<tenant>.request}: {@code size_bytes_limit}, {@code series_limit}, {@code samples_limit}) plus the
 * decoded-size guard; refusals are {@link
 * WriteErrorCause#TOO_LARGE} (HTTP 413, as Thanos' request limiter answers). 0 means unlimited.
 *
 * @param sizeBytes largest accepted (compressed) body
 * @param series most series in one request
 * @param samples most samples in one request
 * @param maxDecodedBytes largest accepted uncompressed body (guards memory before decoding)
 */
public record RequestLimits(long sizeBytes, long series, long samples, long maxDecodedBytes) {

  /** Only the decoded-size guard, 64 MiB. */
  public static final RequestLimits DEFAULT = new RequestLimits(0, 0, 0, 64L << 20);

  /** Validates. */
  public RequestLimits {
    if (sizeBytes < 0 || series < 0 || samples < 0 || maxDecodedBytes < 0) {
      throw new IllegalArgumentException("request limits must not be negative");
    }
  }

  /** These limits with another decoded-size guard. */
  public RequestLimits withMaxDecodedBytes(long bytes) {
    return new RequestLimits(sizeBytes, series, samples, bytes);
  }

  /** Refuses a body larger than the size limit. */
  public void checkBodySize(long bytes) {
    if (sizeBytes > 0 && bytes > sizeBytes) {
      throw new WriteException(WriteErrorCause.TOO_LARGE, "write request too large: " + bytes
          + " bytes, the limit is " + sizeBytes);
    }
  }

  /** Refuses a request with too many series or samples. */
  public void checkCounts(long n, long s) {
    if (series > 0 && n > series) {
      throw new WriteException(WriteErrorCause.TOO_LARGE, "too many timeseries: " + n + ", the limit is " + series);
    }
    if (samples > 0 && s > samples) {
      throw new WriteException(WriteErrorCause.TOO_LARGE, "too many samples: " + s + ", the limit is " + samples);
    }
  }
}
