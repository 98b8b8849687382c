package io.thanosjvm.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKSelectionTest {

  /** The reference: a stable sort of the candidates, best first, NaN last, cut after k. */
  private static List<Integer> bySorting(double[][] values, int step, List<Integer> cand, boolean top, int k) {
    List<Integer> sorted = new ArrayList<>(cand);
    Comparator<Integer> c = (x, y) -> {
      double vx = values[x][step];
      double vy = values[y][step];
      boolean nx = Double.isNaN(vx);
      boolean ny = Double.isNaN(vy);
      if (nx || ny) {
        return Boolean.compare(nx, ny);
      }
      return top ? Double.compare(vy, vx) : Double.compare(vx, vy);
    };
    sorted.sort(c);
    return sorted.subList(0, Math.min(k, sorted.size()));
  }

  @Test
  void picksTheSameSeriesInTheSameOrderAsAStableSort() {
    Random r = new Random(19);
    double[] pool = {1, 2, 2, 3, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 7.5};
    for (int round = 0; round < 2000; round++) {
      int n = 1 + r.nextInt(40);
      double[][] values = new double[n][1];
      List<Integer> cand = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        values[s][0] = r.nextInt(3) == 0 ? r.nextGaussian() : pool[r.nextInt(pool.length)];
        if (r.nextInt(5) > 0) {
          cand.add(s);
        }
      }
      if (cand.isEmpty()) {
        continue;
      }
      boolean top = r.nextBoolean();
      int k = 1 + r.nextInt(n + 3);
      TopKSelection pick = new TopKSelection(top);
      pick.reset(Math.min(k, cand.size()), values, 0);
      cand.forEach(pick::offer);
      List<Integer> got = new ArrayList<>();
      for (int s : pick.drainBestFirst()) {
        got.add(s);
      }
      assertThat(got).as("round %d top=%s k=%d", round, top, k).isEqualTo(bySorting(values, 0, cand, top, k));
    }
  }
}
