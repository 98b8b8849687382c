package io.thanosjvm.objstore;

import java.time.Instant;
import java.util.Objects;

/**
 * What a bucket knows about a stored object.
 *
 * @param size size in bytes, never negative
 * @param lastModified time of the last write as reported by the provider
 */
public record ObjectAttributes(long size, Instant lastModified) {

  /** Validates the attributes. */
  public ObjectAttributes {
    if (size < 0) {
      throw new IllegalArgumentException("object size must not be negative: " + size);
    }
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
