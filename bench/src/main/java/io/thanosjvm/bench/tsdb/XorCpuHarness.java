package io.thanosjvm.bench.tsdb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * XOR decode/encode throughput per CPU second of the measuring thread, next to wall-clock throughput.
 * On shared, overloaded machines JMH's wall-clock scores mostly measure the scheduler; this harness
 * reports both. Run: {@code java -cp bench/target/benchmarks.jar io.thanosjvm.bench.tsdb.XorCpuHarness}.
 */
public final class XorCpuHarness {

  private XorCpuHarness() {}

  /** Runs warm-up and five measured rounds of decode and encode. */
  public static void main(String[] args) {
    XorBenchmark b = new XorBenchmark();
    b.setup();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long samples = (long) XorBenchmark.CHUNKS * XorBenchmark.SAMPLES;
    double sink = 0;
    for (int i = 0; i < 2000; i++) {
      sink += b.decode() + b.decodeBulk() + b.encode();
    }
    for (String op : new String[] {"decode", "decodeBulk", "encode"}) {
      for (int round = 0; round < 5; round++) {
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        int reps = 300;
        for (int i = 0; i < reps; i++) {
          sink += switch (op) {
            case "decode" -> b.decode();
            case "decodeBulk" -> b.decodeBulk();
            default -> b.encode();
          };
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf("%s round %d: %.1f M samples/CPU-s, %.1f M samples/wall-s%n", op, round,
            reps * samples / (cpu / 1e9) / 1e6, reps * samples / (wall / 1e9) / 1e6);
      }
    }
    System.out.println("(sink " + (sink != 0) + ")");
  }
}
