package io.thanosjvm.compact;

import io.thanosjvm.cacheutil.XxHash64;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Thanos' compaction group key {@code <resolution>@<hash>}: the hash is Prometheus' {@code labels.Hash()} (XXH64
 * of every {@code name 0xff value 0xff} in label order) printed as an unsigned decimal, so keys in logs, metrics
 * and the compactor's working directories match a Go compactor's.
 */
public final class GroupKey {

  private static final int SEPARATOR = 0xff;

  private GroupKey() {}

  /**
   * The group key of blocks with this resolution and these (already replica-stripped) external labels.
   *
   * @param resolution downsampling resolution in milliseconds (0 for raw)
   * @param labels external labels; order is irrelevant, they are sorted by UTF-8 bytes
   */
  public static String of(long resolution, Map<String, String> labels) {
    return resolution + "@" + Long.toUnsignedString(labelsHash(labels));
  }

  /** Prometheus' {@code labels.Hash()} of the given label set. */
  public static long labelsHash(Map<String, String> labels) {
    TreeMap<byte[], byte[]> sorted = new TreeMap<>(java.util.Arrays::compareUnsigned);
    labels.forEach((n, v) -> sorted.put(n.getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    sorted.forEach((n, v) -> {
      buf.writeBytes(n);
      buf.write(SEPARATOR);
      buf.writeBytes(v);
      buf.write(SEPARATOR);
    });
    return XxHash64.hash(buf.toByteArray());
  }
}
