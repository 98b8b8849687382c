package io.thanosjvm.promql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryQueryableTest {

  private static List<Labels> labels(SeriesSet set) {
    List<Labels> out = new ArrayList<>();
    while (set.next()) {
      out.add(set.at().labels());
    }
    return out;
  }

  @Test
  void selectsMatchingSeriesSortedByLabels() {
    InMemoryQueryable q = new InMemoryQueryable();
    q.append(Labels.of("__name__", "a", "x", "2"), 0, 1);
    q.append(Labels.of("__name__", "a", "x", "1"), 0, 1);
    q.append(Labels.of("__name__", "b", "x", "1"), 0, 1);
    SelectHints h = new SelectHints(0, 10, 0, "", 0, List.of(), false);
    assertThat(labels(q.select(h, List.of(Matcher.equal("__name__", "a")))))
        .containsExactly(Labels.of("__name__", "a", "x", "1"), Labels.of("__name__", "a", "x", "2"));
    assertThat(labels(q.select(h, List.of(Matcher.regex("x", "1"))))).hasSize(2);
  }

  @Test
  void skipsSeriesWithoutSamplesInTheRange() {
    InMemoryQueryable q = new InMemoryQueryable();
    q.append(Labels.of("__name__", "a"), 100, 1);
    assertThat(labels(q.select(new SelectHints(0, 99, 0, "", 0, List.of(), false), List.of()))).isEmpty();
    assertThat(labels(q.select(new SelectHints(100, 100, 0, "", 0, List.of(), false), List.of()))).hasSize(1);
  }

  @Test
  void rejectsOutOfOrderSamples() {
    InMemoryQueryable q = new InMemoryQueryable();
    q.append(Labels.of("__name__", "a"), 100, 1);
    assertThatThrownBy(() -> q.append(Labels.of("__name__", "a"), 50, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void iteratorSeeksForward() {
    SampleIterator it = new ArraySampleIterator(new long[] {10, 20, 30}, new double[] {1, 2, 3}, 0, 3);
    assertThat(it.seek(15)).isTrue();
    assertThat(it.atT()).isEqualTo(20);
    assertThat(it.seek(5)).isTrue();
    assertThat(it.atT()).isEqualTo(20);
    assertThat(it.next()).isTrue();
    assertThat(it.atV()).isEqualTo(3);
    assertThat(it.next()).isFalse();
    assertThat(new ArraySampleIterator(new long[] {10}, new double[] {1}, 0, 1).seek(11)).isFalse();
  }
}
