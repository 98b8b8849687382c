package io.thanosjvm.bench.tsdb;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures the peak heap of writing one 2h block of N series (default 1,000,000) at a given step (default
 * 60 s, i.e. one full 120-sample chunk per series) and compares it with the block size. The meaningful
 * figure is the smallest {@code -Xmx} with which the write succeeds. Run:
 * {@code java -Xmx96m -XX:+UseSerialGC -cp bench/target/benchmarks.jar io.thanosjvm.bench.tsdb.WriteHeapHarness [N] [stepMs]}.
 */
public final class WriteHeapHarness {

  private WriteHeapHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws IOException {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long stepMs = args.length > 1 ? Long.parseLong(args[1]) : 60_000;
    Path dir = Files.createTempDirectory("heap-harness");
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long start = System.nanoTime();
    List<BlockMeta> metas = new GenerateCommand(Clock.systemUTC()).generate(new GenerateCommand.Options(dir, series,
        1_699_999_200_000L, 7_200_000, stepMs, 7_200_000, 1, new TreeMap<>()));
    long ms = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    long size;
    try (Stream<Path> s = Files.walk(dir)) {
      size = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    BlockMeta m = metas.get(0);
    System.out.printf("series=%d samples=%d chunks=%d blockBytes=%d peakHeapBytes(sum of pool peaks)=%d maxHeap=%d"
        + " timeMs=%d%n", m.numSeries(), m.numSamples(), m.numChunks(), size, peak,
        Runtime.getRuntime().maxMemory(), ms);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
