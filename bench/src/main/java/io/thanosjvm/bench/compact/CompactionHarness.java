package io.thanosjvm.bench.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.compact.BlockCompactor;
import io.thanosjvm.compact.CompactionGroup;
import io.thanosjvm.compact.GroupKey;
import io.thanosjvm.compact.Planner;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compacts generated blocks with {@link BlockCompactor} and prints wall time, series/s, samples/s, peak heap (sum
 * of the heap pools' peak usage, reset after generation) and output size. Modes: {@code adjacent} (default) = 4
 * adjacent 2h blocks of N series at a 60 s step, a horizontal compaction whose chunks are copied as bytes;
 * {@code vertical} / {@code penalty} = the same 4 blocks plus 4 more from a second replica (other seed, same
 * timestamps) over the same range, so every chunk overlaps and is decoded, merged and re-encoded. Input blocks are
 * generated into {@code dir} and reused on later runs. Run:
 * {@code java -Xmx512m -cp bench/target/benchmarks.jar io.thanosjvm.bench.compact.CompactionHarness [N] [dir]
 * [adjacent|vertical|penalty]}.
 */
public final class CompactionHarness {

  private static final long START = 1_699_999_200_000L;
  private static final long TWO_HOURS = 7_200_000L;

  private CompactionHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws IOException {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/compaction-harness-"
        + series);
    String mode = args.length > 2 ? args[2] : "adjacent";
    List<Path> inputs = new ArrayList<>(blocks(dir.resolve("replica-a"), series, 1));
    if (!mode.equals("adjacent")) {
      inputs.addAll(blocks(dir.resolve("replica-b"), series, 2));
    }
    List<BlockMeta> metas = new ArrayList<>();
    for (Path p : inputs) {
      metas.add(BlockMeta.read(p.resolve(BlockMeta.FILE_NAME)));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Planner.BY_MIN_TIME.compare(metas.get(x), metas.get(y)));
    List<Path> sortedInputs = order.stream().map(inputs::get).toList();
    List<BlockMeta> sortedMetas = order.stream().map(metas::get).toList();
    CompactionGroup group = new CompactionGroup(GroupKey.of(0, Map.of()), 0, Map.of(), sortedMetas);
    long inputSamples = sortedMetas.stream().mapToLong(BlockMeta::numSamples).sum();
    long inputBytes = 0;
    for (Path p : sortedInputs) {
      inputBytes += size(p);
    }

    Path out = dir.resolve("out");
    delete(out);
    BlockCompactor compactor = new BlockCompactor(mode.equals("penalty") ? DedupMode.PENALTY : DedupMode.ONE_TO_ONE);
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long t0 = System.nanoTime();
    BlockMeta meta = compactor.compact(group, sortedInputs, out, "01JCXMPACTHARNESS000000000");
    double secs = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    long outBytes = size(out.resolve(meta.ulid()));
    System.out.printf("mode=%s inputs=%d inputSeries/block=%d inputSamples=%d inputBytes=%d%n", mode,
        sortedInputs.size(), series, inputSamples, inputBytes);
    System.out.printf("output series=%d samples=%d chunks=%d bytes=%d%n", meta.numSeries(), meta.numSamples(),
        meta.numChunks(), outBytes);
    System.out.printf("wall=%.1fs series/s=%.0f inputSamples/s=%.0f peakHeapBytes(sum of heap pool peaks)=%d"
        + " (%.0f MiB) maxHeap=%d MiB%n", secs, meta.numSeries() / secs, inputSamples / secs, peak,
        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    delete(out);
  }

  /** The 4 generated 2h blocks in {@code dir}, generating them when absent. */
  private static List<Path> blocks(Path dir, int series, long seed) throws IOException {
    List<Path> found = list(dir);
    if (found.size() == 4) {
      return found;
    }
    delete(dir);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    Clock clock = Clock.fixed(Instant.ofEpochMilli(START + 4 * TWO_HOURS + seed * 60_000), ZoneOffset.UTC);
    new GenerateCommand(clock).generate(new GenerateCommand.Options(dir, series, START, 4 * TWO_HOURS, 60_000,
        TWO_HOURS, seed, new TreeMap<>()));
    System.out.printf("generated 4 blocks x %d series into %s in %.1fs%n", series, dir,
        (System.nanoTime() - t0) / 1e9);
    return list(dir);
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.exists(p.resolve(BlockMeta.FILE_NAME))).sorted().toList();
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
