package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Block metas for lifecycle unit tests. */
final class LifecycleMetas {

  private LifecycleMetas() {}

  /** The ULID numbered {@code n}. */
  static String id(int n) {
    return String.format("01J%023d", n);
  }

  /** A meta with a resolution and the given source numbers. */
  static BlockMeta meta(int n, long min, long max, long resolution, int... sources) {
    String src = Arrays.stream(sources).mapToObj(s -> "\"" + id(s) + "\"").collect(Collectors.joining(","));
    return BlockMeta.parse("{\"ulid\":\"" + id(n) + "\",\"minTime\":" + min + ",\"maxTime\":" + max
        + ",\"stats\":{},\"compaction\":{\"level\":1,\"sources\":[" + src + "]},\"version\":1,"
        + "\"thanos\":{\"labels\":{\"a\":\"b\"},\"downsample\":{\"resolution\":" + resolution + "},\"source\":\"x\"}}",
        "test");
  }
}
