package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.config.HttpConfig;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Per-attempt time bounds of S3 requests. Socket reads are bounded by the HTTP client's read timeout, but
 * socket writes are not, so requests carrying a body get an attempt timeout that grows with the body:
 * the response timeout plus the time to send it at {@link #MIN_BYTES_PER_SECOND}. Streaming GETs are
 * bounded by the read timeout alone (an attempt timeout would cut long downloads).
 */
final class S3Timeouts {

  /** Slowest upload rate tolerated before an attempt is abandoned and retried. */
  static final long MIN_BYTES_PER_SECOND = 256 * 1024;

  private final Duration response;

  S3Timeouts(HttpConfig http) {
    this.response = http.effectiveResponseTimeout();
  }

  /** Attempt bound for a request sending {@code bodyBytes}. */
  Duration attempt(long bodyBytes) {
    return response.plusMillis(bodyBytes * 1000 / MIN_BYTES_PER_SECOND);
  }

  /** Override applying {@link #attempt(long)} to a request. */
  AwsRequestOverrideConfiguration override(long bodyBytes) {
    return AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(attempt(bodyBytes)).build();
  }
}
