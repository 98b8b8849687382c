package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.ObjectStoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Translates SDK exceptions into the objstore's typed exceptions, classifying what is transient. */
final class S3Errors {

  private S3Errors() {}

  /** Returns whether {@code e} says the object (not the bucket) is missing. */
  static boolean isNoSuchKey(SdkException e) {
    if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      return !"NoSuchBucket".equals(code);
    }
    return false;
  }

  /** Returns whether {@code e} is an HTTP 416 (range starts past the end). */
  static boolean isInvalidRange(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 416;
  }

  /** Returns whether trying again may succeed: 5xx, 408, 429, throttling codes, client-side I/O. */
  static boolean isRetryable(SdkException e) {
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
      return status >= 500 || status == 408 || status == 429
          || code.equals("SlowDown") || code.equals("RequestTimeout") || code.equals("Throttling")
          || code.equals("RequestTimeTooSkewed") || code.equals("InternalError");
    }
    // No response at all: connect/read timeouts, resets, truncated bodies.
    return e instanceof SdkClientException || e.retryable();
  }

  /** Wraps {@code e} for operation {@code op} on object {@code key}. */
  static ObjectStoreException translate(String bucket, String op, String key, SdkException e) {
    if (isNoSuchKey(e)) {
      return new ObjectNotFoundException(bucket, key, e);
    }
    String status = e instanceof S3Exception s3 ? " (HTTP " + s3.statusCode() + ")" : "";
    return new ObjectStoreException(
        "s3 " + op + " " + key + " in bucket " + bucket + status + ": " + e.getMessage(), isRetryable(e), e);
  }
}
