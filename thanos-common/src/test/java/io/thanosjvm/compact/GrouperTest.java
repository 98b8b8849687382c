package io.thanosjvm.compact;

import static io.thanosjvm.compact.TestMetas.ids;
import static io.thanosjvm.compact.TestMetas.meta;
import static io.thanosjvm.compact.TestMetas.thanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group keys (the values Thanos' own group key test expects) and grouping by resolution and labels. */
class GrouperTest {

  @Test
  void groupKeyOfNoLabelsIsTheHashOfNothing() {
    assertThat(GroupKey.of(0, Map.of())).isEqualTo("0@17241709254077376921");
  }

  @Test
  void groupKeyMatchesThanosForTwoLabels() {
    assertThat(GroupKey.of(0, Map.of("foo1", "bar2", "foo", "bar"))).isEqualTo("0@2124638872457683483");
  }

  @Test
  void groupKeyMatchesThanosForLabelsWithSlashesAndBackslashes() {
    assertThat(GroupKey.of(0, Map.of("foo/some..thing/some.thing/../", "a_b_c/bar-something-a\\metric/a\\x")))
        .isEqualTo("0@16590761456214576373");
  }

  @Test
  void groupKeyStartsWithTheResolution() {
    assertThat(GroupKey.of(300_000, Map.of("foo", "bar", "foo1", "bar2"))).isEqualTo("300000@2124638872457683483");
  }

  @Test
  void blocksWithoutThanosSectionGroupAsRawWithoutLabels() {
    List<CompactionGroup> groups = new Grouper(List.of()).groups(List.of(meta(2, 20, 40), meta(1, 0, 20)));
    assertThat(groups).singleElement().satisfies(g -> {
      assertThat(g.key()).isEqualTo("0@17241709254077376921");
      assertThat(g.metasByMinTime()).extracting(BlockMeta::ulid).isEqualTo(ids(1, 2));
    });
  }

  @Test
  void resolutionAndLabelsSeparateGroupsSortedByKey() {
    List<BlockMeta> metas = List.of(thanos(1, 0, 20, Map.of("foo", "bar", "foo1", "bar2"), 0, 0),
        thanos(2, 0, 20, Map.of("foo", "bar", "foo1", "bar2"), 300_000, 0),
        thanos(3, 20, 40, Map.of("foo", "bar", "foo1", "bar2"), 0, 0),
        thanos(4, 0, 20, Map.of(), 0, 0));
    List<CompactionGroup> groups = new Grouper(List.of()).groups(metas);
    assertThat(groups).extracting(CompactionGroup::key)
        .containsExactly("0@17241709254077376921", "0@2124638872457683483", "300000@2124638872457683483");
    assertThat(groups.get(1).metasByMinTime()).extracting(BlockMeta::ulid).isEqualTo(ids(1, 3));
    assertThat(groups.get(2).resolution()).isEqualTo(300_000);
    assertThat(groups.get(1).labels()).isEqualTo(Map.of("foo", "bar", "foo1", "bar2"));
  }

  @Test
  void replicasOfOneSourceShareAGroupOnceReplicaLabelsAreRemoved() {
    List<BlockMeta> metas = List.of(thanos(1, 0, 20, Map.of("foo", "bar", "foo1", "bar2", "replica", "a"), 0, 0),
        thanos(2, 0, 20, Map.of("foo", "bar", "foo1", "bar2", "replica", "b"), 0, 0),
        thanos(3, 0, 20, Map.of("foo", "bar", "foo1", "bar2", "rule_replica", "x"), 0, 0));
    List<CompactionGroup> groups = new Grouper(List.of("replica", "rule_replica")).groups(metas);
    assertThat(groups).singleElement().satisfies(g -> {
      assertThat(g.key()).isEqualTo("0@2124638872457683483");
      assertThat(g.metasByMinTime()).extracting(BlockMeta::ulid).isEqualTo(ids(1, 2, 3));
    });
  }

  @Test
  void withoutReplicaLabelsConfiguredReplicasStayApart() {
    List<BlockMeta> metas = List.of(thanos(1, 0, 20, Map.of("replica", "a"), 0, 0),
        thanos(2, 0, 20, Map.of("replica", "b"), 0, 0));
    assertThat(new Grouper(List.of()).groups(metas)).hasSize(2);
  }

  @Test
  void aBlockLeftWithoutLabelsIsLabelledDedupedWithTheFirstReplicaLabel() {
    Grouper grouper = new Grouper(List.of("replica", "other"));
    BlockMeta onlyReplica = thanos(1, 0, 20, Map.of("replica", "a"), 0, 0);
    assertThat(grouper.groupLabels(onlyReplica)).isEqualTo(Map.of("replica", "deduped"));
    assertThat(grouper.groupLabels(meta(2, 0, 20))).isEqualTo(Map.of("replica", "deduped"));
    assertThat(grouper.groupKey(onlyReplica)).isEqualTo(GroupKey.of(0, Map.of("replica", "deduped")))
        .isNotEqualTo("0@17241709254077376921");
    assertThat(grouper.sameGroup(onlyReplica, thanos(3, 20, 40, Map.of("other", "b"), 0, 0))).isTrue();
  }

  @Test
  void aGroupRejectsAKeyThatDoesNotMatchItsLabels() {
    assertThatThrownBy(() -> new CompactionGroup("0@1", 0, Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0@1");
  }

  @Test
  void aGroupRejectsBlocksOutOfOrder() {
    assertThatThrownBy(() -> new CompactionGroup(GroupKey.of(0, Map.of()), 0, Map.of(),
        List.of(meta(2, 20, 40), meta(1, 0, 20)))).isInstanceOf(IllegalArgumentException.class);
  }
}
