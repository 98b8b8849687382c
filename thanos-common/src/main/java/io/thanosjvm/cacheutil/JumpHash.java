package io.thanosjvm.cacheutil;

/**
 * Google's jump consistent hash (Lamping and Veach, 2014) with the floating-point step Thanos' memcached server
 * selector uses: maps a 64-bit key to a bucket in {@code [0, buckets)}.
 *
 * <p>Hand-written on purpose: it is Thanos' memcached key placement, which a memcached client library would
 * replace with its own (ketama, modulo), so that Thanos and this implementation would miss each other's items.
 */
public final class JumpHash {

  private JumpHash() {}

  /** Returns the bucket of {@code key} among {@code buckets} (at least 1). */
  public static int bucket(long key, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("jump hash needs at least one bucket, got " + buckets);
    }
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }
}
