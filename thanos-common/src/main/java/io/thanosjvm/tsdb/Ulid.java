package io.thanosjvm.tsdb;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * ULID generation: 48 bits of Unix milliseconds then 80 random bits, in 26 characters of Crockford
 * base32. IDs made within the same millisecond are monotonic (the random part is incremented), as the
 * Go library Prometheus uses does with its monotonic entropy. Clock and randomness are injected.
 * Thread-safe.
 */
public final class Ulid {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final InstantSource clock;
  private final RandomGenerator random;
  private long lastMs = Long.MIN_VALUE;
  private long randHi;
  private long randLo;

  /** A generator over the given clock and randomness. */
  public Ulid(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  /** The next ULID. */
  public synchronized String next() {
    long ms = clock.millis();
    if (ms < 0 || ms >= 1L << 48) {
      throw new IllegalStateException("time " + ms + " does not fit a ULID");
    }
    if (ms == lastMs) {
      randLo = (randLo + 1) & 0xFFFFFFFFFFFFFFFFL;
      if (randLo == 0) {
        randHi = (randHi + 1) & 0xFFFF;
        if (randHi == 0) {
          throw new IllegalStateException("ULID random part overflow within one millisecond");
        }
      }
    } else {
      lastMs = ms;
      randHi = random.nextInt() & 0xFFFF;
      randLo = random.nextLong();
    }
    return encode(ms, randHi, randLo);
  }

  /** Encodes 48-bit time, 16 high and 64 low random bits. */
  static String encode(long ms, long hi16, long lo64) {
    // 128 bits: [ms 48][hi 16][lo 64]; emitted as 26 chars of 5 bits, the first holding 3 bits.
    long high = (ms << 16) | (hi16 & 0xFFFF);
    char[] out = new char[26];
    for (int i = 25; i >= 0; i--) {
      int v = (int) (lo64 & 31);
      out[i] = ALPHABET[v];
      lo64 = (lo64 >>> 5) | (high << 59);
      high >>>= 5;
    }
    return new String(out);
  }

  /** The millisecond timestamp encoded in a ULID. */
  public static long timestamp(String ulid) {
    long ms = 0;
    for (int i = 0; i < 10; i++) {
      int v = new String(ALPHABET).indexOf(ulid.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not a ULID: " + ulid);
      }
      ms = (ms << 5) | v;
    }
    return ms;
  }
}
