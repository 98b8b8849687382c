package io.thanosjvm.rules;

import io.thanosjvm.cacheutil.XxHash64;
import java.nio.charset.StandardCharsets;

/**
 * When a group is evaluated, as Prometheus' rule manager slots it: evaluation times are {@code offset + k*interval}
 * (in nanoseconds since the epoch), where the offset is the hash of the group's labels {@code {file, name}}
 * (Prometheus' label-set hash: XXH64 over {@code name 0xff value 0xff} per label, sorted by name) modulo the
 * interval, so that groups spread over the interval and each keeps its slot across restarts.
 *
 * @param intervalNanos the group's interval
 * @param offsetNanos its slot within the interval
 */
public record GroupTiming(long intervalNanos, long offsetNanos) {

  /** Validates the timing. */
  public GroupTiming {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (offsetNanos < 0 || offsetNanos >= intervalNanos) {
      throw new IllegalArgumentException("offset must be within the interval");
    }
  }

  /** The timing of the group {@code name} from {@code file} at {@code intervalMillis}. */
  public static GroupTiming of(String file, String name, long intervalMillis) {
    long interval = intervalMillis * 1_000_000L;
    return new GroupTiming(interval, Long.remainderUnsigned(hash(file, name), interval));
  }

  /** Prometheus' hash of the label set {@code {file="<file>", name="<name>"}}. */
  public static long hash(String file, String name) {
    byte[] f = file.getBytes(StandardCharsets.UTF_8);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[4 + 1 + f.length + 1 + 4 + 1 + n.length + 1];
    int p = put(b, 0, "file".getBytes(StandardCharsets.US_ASCII));
    b[p++] = (byte) 0xff;
    p = put(b, p, f);
    b[p++] = (byte) 0xff;
    p = put(b, p, "name".getBytes(StandardCharsets.US_ASCII));
    b[p++] = (byte) 0xff;
    p = put(b, p, n);
    b[p] = (byte) 0xff;
    return XxHash64.hash(b);
  }

  private static int put(byte[] dst, int at, byte[] src) {
    System.arraycopy(src, 0, dst, at, src.length);
    return at + src.length;
  }

  /** The latest slotted evaluation time at or before {@code nowNanos}. */
  public long evalTimestamp(long nowNanos) {
    long adjNow = nowNanos - offsetNanos;
    return adjNow - Math.floorMod(adjNow, intervalNanos) + offsetNanos;
  }

  /** The first evaluation after starting at {@code nowNanos}: the next slot (Prometheus waits for it). */
  public long firstEval(long nowNanos) {
    return evalTimestamp(nowNanos) + intervalNanos;
  }

  /**
   * How many slots after {@code previousEvalNanos} were missed when the next evaluation starts at {@code nowNanos}
   * (0 when on time).
   */
  public long missed(long previousEvalNanos, long nowNanos) {
    return Math.max(0, (nowNanos - previousEvalNanos) / intervalNanos - 1);
  }
}
