package io.thanosjvm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void sortsByNameWhateverTheInputOrder() {
    Labels l = Labels.of("job", "api", "__name__", "up", "instance", "a:1");
    assertThat(l.toString()).isEqualTo("{__name__=\"up\", instance=\"a:1\", job=\"api\"}");
    assertThat(l.metricName()).isEqualTo("up");
  }

  @Test
  void missingLabelReadsAsEmptyString() {
    assertThat(Labels.of("a", "1").get("b")).isEmpty();
    assertThat(Labels.of("a", "1").has("b")).isFalse();
  }

  @Test
  void rejectsDuplicateAndEmptyNames() {
    assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).hasMessageContaining("duplicate label name: a");
    assertThatThrownBy(() -> Labels.of("", "1")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("pairs");
  }

  @Test
  void comparesLabelByLabelWithPrefixFirst() {
    Labels a = Labels.of("a", "1");
    Labels ab = Labels.of("a", "1", "b", "1");
    Labels a2 = Labels.of("a", "2");
    List<Labels> sorted = new ArrayList<>(List.of(a2, ab, a));
    sorted.sort(null);
    assertThat(sorted).containsExactly(a, ab, a2);
  }

  @Test
  void comparesValuesByUtf8BytesNotUtf16Units() {
    // U+FFFD is 0xEF 0xBF 0xBD in UTF-8; U+1F600 is 0xF0 ...: Go sorts the emoji last,
    // while String.compareTo sorts it first (its surrogate 0xD83D < 0xFFFD).
    Labels replacement = Labels.of("v", "\uFFFD");
    Labels emoji = Labels.of("v", "\uD83D\uDE00");
    assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative();
    assertThat(replacement.compareTo(emoji)).isNegative();
    assertThat(Utf8Order.compare("\uD83D\uDE00", "\uFFFD")).isPositive();
  }

  @Test
  void builderRemovesLabelsSetToEmpty() {
    Labels l = Labels.of("a", "1", "b", "2").toBuilder().set("b", "").set("c", "3").build();
    assertThat((Object) l).isEqualTo(Labels.of("a", "1", "c", "3"));
  }

  @Test
  void withoutDropsNamedLabelsAndKeepsOrder() {
    Labels l = Labels.of("__name__", "x", "replica", "0", "z", "1");
    assertThat((Object) l.without(Set.of("replica"))).isEqualTo(Labels.of("__name__", "x", "z", "1"));
    assertThat((Object) l.withoutMetricName()).isEqualTo(Labels.of("replica", "0", "z", "1"));
  }

  @Test
  void fromSortedArraysRejectsUnsortedInput() {
    assertThatThrownBy(() -> Labels.fromSortedArrays(new String[] {"b", "a"}, new String[] {"1", "2"}))
        .hasMessageContaining("not strictly ascending");
  }

  @Test
  void equalSetsHaveEqualHashes() {
    assertThat(Labels.of("a", "1", "b", "2").hashCode()).isEqualTo(Labels.of("b", "2", "a", "1").hashCode());
  }
}
