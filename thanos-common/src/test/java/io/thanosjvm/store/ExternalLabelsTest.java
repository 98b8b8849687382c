package io.thanosjvm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.thanosjvm.model.Labels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Attaching external labels: external wins, dropped names go, and the merge equals the builder's answer. */
class ExternalLabelsTest {

  @Test
  void externalLabelsWinAndDroppedLabelsGo() {
    ExternalLabels ext = new ExternalLabels(Labels.of("cluster", "eu1", "replica", "a"));
    Labels series = Labels.of("__name__", "up", "cluster", "own", "job", "node", "zone", "z1");
    assertEquals(Labels.of("__name__", "up", "cluster", "eu1", "job", "node", "replica", "a", "zone", "z1"),
        ext.attachTo(series, List.of()));
    assertEquals(Labels.of("__name__", "up", "cluster", "eu1", "job", "node"),
        ext.attachTo(series, List.of("replica", "zone")));
    assertSame(series, new ExternalLabels(Labels.EMPTY).attachTo(series, List.of()));
    assertEquals(Labels.of("__name__", "up", "cluster", "own", "zone", "z1"),
        new ExternalLabels(Labels.EMPTY).attachTo(series, List.of("job")));
  }

  @Test
  void mergeEqualsTheBuilderOnRandomLabelSets() {
    SplittableRandom rnd = new SplittableRandom(42);
    String[] names = {"__name__", "a", "b", "cluster", "job", "replica", "z", "\u00e9t\u00e9", "A", "_x"};
    for (int round = 0; round < 2_000; round++) {
      Labels series = random(rnd, names);
      Labels external = random(rnd, names);
      List<String> drop = rnd.nextInt(3) == 0 ? List.of(names[rnd.nextInt(names.length)]) : List.of();
      Labels.Builder b = series.toBuilder();
      for (int i = 0; i < external.size(); i++) {
        b.set(external.name(i), external.value(i));
      }
      drop.forEach(b::delete);
      assertEquals(b.build(), new ExternalLabels(external).attachTo(series, drop));
    }
  }

  private static Labels random(SplittableRandom rnd, String[] names) {
    Labels.Builder b = Labels.builder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.set(names[rnd.nextInt(names.length)], "v" + rnd.nextInt(3));
    }
    return b.build();
  }
}
