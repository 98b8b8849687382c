package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Block metas for planner tests, named by small numbers. */
final class TestMetas {

  private TestMetas() {}

  /** The ULID of test block {@code n}. */
  static String id(int n) {
    return String.format("01H00000000000000000000%03d", n);
  }

  /** A level-1 block {@code n} covering [min, max). */
  static BlockMeta meta(int n, long min, long max) {
    return BlockMeta.create(id(n), min, max, 0, 0, 0);
  }

  /** Block {@code n} with series/tombstone statistics. */
  static BlockMeta withTombstones(int n, long min, long max, long series, long tombstones) {
    return BlockMeta.parse(json(n, min, max, "\"numSeries\":" + series + ",\"numTombstones\":" + tombstones,
        "\"level\":1,\"sources\":[\"" + id(n) + "\"]"), "meta.json");
  }

  /** Block {@code n} whose last compaction failed. */
  static BlockMeta failed(int n, long min, long max) {
    return BlockMeta.parse(json(n, min, max, "", "\"level\":1,\"sources\":[\"" + id(n) + "\"],\"failed\":true"),
        "meta.json");
  }

  /** Block {@code n} made from the given source blocks. */
  static BlockMeta withSources(int n, long min, long max, int... sources) {
    String list = Arrays.stream(sources).mapToObj(s -> "\"" + id(s) + "\"").collect(Collectors.joining(","));
    return BlockMeta.parse(json(n, min, max, "", "\"level\":2,\"sources\":[" + list + "]"), "meta.json");
  }

  /** Block {@code n} with a Thanos section (labels, resolution) and, when positive, its index size. */
  static BlockMeta thanos(int n, long min, long max, Map<String, String> labels, long resolution, long indexSize) {
    ThanosMeta t = ThanosMeta.create(labels, resolution, "sidecar");
    if (indexSize > 0) {
      t = t.withFiles(List.of(new BlockFile("index", indexSize, null, null)));
    }
    return meta(n, min, max).withThanos(t);
  }

  private static String json(int n, long min, long max, String stats, String compaction) {
    return "{\"ulid\":\"" + id(n) + "\",\"minTime\":" + min + ",\"maxTime\":" + max + ",\"stats\":{" + stats
        + "},\"compaction\":{" + compaction + "},\"version\":1}";
  }

  /** ULIDs of the given test block numbers. */
  static List<String> ids(int... ns) {
    return Arrays.stream(ns).mapToObj(TestMetas::id).toList();
  }
}
