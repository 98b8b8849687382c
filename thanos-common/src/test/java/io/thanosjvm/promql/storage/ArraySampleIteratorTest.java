package io.thanosjvm.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArraySampleIteratorTest {

  @Test
  void drainWindowCopiesWhatSeekAndNextWouldVisit() {
    Random r = new Random(7);
    for (int round = 0; round < 3000; round++) {
      int n = r.nextInt(30);
      long[] ts = new long[n + 2];
      double[] vs = new double[n + 2];
      long t = r.nextInt(20);
      for (int i = 0; i < ts.length; i++) {
        ts[i] = t;
        vs[i] = r.nextDouble();
        t += 1 + r.nextInt(15);
      }
      int from = r.nextInt(2);
      int to = from + n;
      long mint = r.nextInt(300) - 20;
      long maxt = mint + r.nextInt(300) - 30;
      ArraySampleIterator a = new ArraySampleIterator(ts, vs, from, to);
      long[] expT = new long[n];
      double[] expV = new double[n];
      int k = 0;
      if (a.seek(mint)) {
        do {
          if (a.atT() > maxt) {
            break;
          }
          expT[k] = a.atT();
          expV[k++] = a.atV();
        } while (a.next());
      }
      ArraySampleIterator b = new ArraySampleIterator(ts, vs, from, to);
      assertThat(b.remaining()).isEqualTo(n);
      long[] gotT = new long[n];
      double[] gotV = new double[n];
      int got = b.drainWindow(mint, maxt, gotT, gotV);
      assertThat(got).as("round %d", round).isEqualTo(k);
      for (int i = 0; i < k; i++) {
        assertThat(gotT[i]).isEqualTo(expT[i]);
        assertThat(gotV[i]).isEqualTo(expV[i]);
      }
      assertThat(b.next()).isFalse();
    }
  }

  @Test
  void drainWindowRefusesBuffersTooSmall() {
    ArraySampleIterator a = new ArraySampleIterator(new long[] {1, 2, 3}, new double[] {1, 2, 3}, 0, 3);
    assertThat(a.drainWindow(0, 10, new long[2], new double[2])).isEqualTo(-1);
    assertThat(a.drainWindow(0, 10, new long[3], new double[3])).isEqualTo(3);
  }
}
