package io.thanosjvm.tsdb.chunkenc;

import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.testing.fuzz.Fuzzer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes as an XOR chunk: the per-sample iterator and the bulk {@link XorIterator#decodeAll} agree on every
 * input — the same samples bit for bit when both succeed, a {@link ChunkFormatException} from both otherwise (the
 * per-sample path may hand out the samples before the bad batch first) — and nothing else is thrown.
 */
class XorChunkFuzzTest {

  @Test
  void perSampleAndBulkDecodingAgreeOnArbitraryBytes() {
    Fuzzer.named("xor-chunk")
        .corpus(chunks())
        .expecting(ChunkFormatException.class)
        .allocationBudget(len -> 8L << 20)
        .iterations(60_000)
        .run(XorChunkFuzzTest::compare)
        .assertNoFindings();
  }

  private static void compare(byte[] chunk) {
    XorIterator bulk = new XorIterator(chunk);
    long[] ts = new long[bulk.numSamples()];
    double[] vs = new double[bulk.numSamples()];
    int n;
    try {
      n = bulk.decodeAll(ts, vs, 0);
    } catch (ChunkFormatException bulkFailed) {
      XorIterator each = new XorIterator(chunk);
      while (each.next()) { // must fail before the end, as the bulk decoder did
        each.atT();
      }
      throw new AssertionError("the bulk decoder refused the chunk (" + bulkFailed.getMessage()
          + ") but the per-sample iterator read it to the end");
    }
    XorIterator each = new XorIterator(chunk);
    for (int i = 0; i < n; i++) {
      if (!each.next() || each.atT() != ts[i]
          || Double.doubleToRawLongBits(each.atV()) != Double.doubleToRawLongBits(vs[i])) {
        throw new AssertionError("sample " + i + " differs between the per-sample and the bulk decoder");
      }
    }
    if (each.next()) {
      throw new AssertionError("the per-sample iterator has more samples than the bulk decoder's " + n);
    }
  }

  /** Chunks of different shapes: regular and jittered scrapes, big gaps, special values, 1 to 300 samples. */
  private static List<byte[]> chunks() {
    SplittableRandom r = new SplittableRandom(42);
    List<byte[]> out = new ArrayList<>();
    for (int shape = 0; shape < 12; shape++) {
      XorChunkWriter w = new XorChunkWriter();
      int n = shape == 0 ? 1 : shape == 1 ? 2 : 1 + r.nextInt(300);
      long t = r.nextLong(-1L << 40, 1L << 42);
      double v = r.nextInt(1000);
      for (int i = 0; i < n; i++) {
        w.append(t, v);
        t += switch (shape % 4) {
          case 0 -> 15_000;
          case 1 -> 15_000 + r.nextInt(-50, 50);
          case 2 -> r.nextLong(1, 1L << 35);
          default -> r.nextInt(1, 3);
        };
        v = switch (shape % 3) {
          case 0 -> v + r.nextInt(10);
          case 1 -> r.nextInt(20) == 0 ? StaleMarker.STALE_NAN : r.nextInt(20) == 0 ? Double.NaN : r.nextDouble();
          default -> r.nextBoolean() ? v : -v * 1e300;
        };
      }
      out.add(w.bytes());
    }
    return out;
  }
}
