package io.thanosjvm.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PostingsTest {

  private static int[] random(SplittableRandom r, int max, double density) {
    return IntStream.range(0, max).filter(i -> r.nextDouble() < density).toArray();
  }

  private static TreeSet<Integer> set(int[] a) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int x : a) {
      s.add(x);
    }
    return s;
  }

  private static int[] array(TreeSet<Integer> s) {
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void intersectMergeAndSubtractAgreeWithSetSemantics() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 300; round++) {
      int[] a = random(r, 2000, r.nextDouble());
      int[] b = random(r, 2000, r.nextDouble() * 0.02);
      int[] c = random(r, 2000, r.nextDouble());
      TreeSet<Integer> and = set(a);
      and.retainAll(set(b));
      assertThat(Postings.intersect(a, b)).isEqualTo(array(and));
      and.retainAll(set(c));
      assertThat(Postings.intersect(a, b, c)).isEqualTo(array(and));
      TreeSet<Integer> or = set(a);
      or.addAll(set(b));
      or.addAll(set(c));
      assertThat(Postings.merge(a, b, c)).isEqualTo(array(or));
      TreeSet<Integer> minus = set(a);
      minus.removeAll(set(c));
      assertThat(Postings.subtract(a, c)).isEqualTo(array(minus));
    }
    assertThat(Postings.intersect()).isEmpty();
    assertThat(Postings.merge()).isEmpty();
  }
}
