package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadSelectAndReplayTest {

  private final Head head = new Head(HeadOptions.defaults(), InstantSource.fixed(Instant.EPOCH),
      new SimpleMeterRegistry(), HeadLog.NONE);

  private List<String> select(Matcher... ms) {
    List<String> out = new ArrayList<>();
    for (StoredSeries s : head.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(ms))) {
      out.add(s.labels().toString());
    }
    return out;
  }

  @Test
  void matchersFollowPrometheusSemanticsWithMissingLabelsAsEmpty() {
    HeadAppender a = head.appender();
    a.append(Labels.of("__name__", "up", "job", "a"), 1, 1);
    a.append(Labels.of("__name__", "up", "job", "b", "env", "prod"), 1, 1);
    a.append(Labels.of("__name__", "down", "job", "a"), 1, 1);
    a.commit();
    assertThat(select(Matcher.equal("__name__", "up"))).containsExactly("{__name__=\"up\", env=\"prod\", job=\"b\"}",
        "{__name__=\"up\", job=\"a\"}");
    assertThat(select(Matcher.equal("__name__", "up"), Matcher.equal("env", ""))).containsExactly(
        "{__name__=\"up\", job=\"a\"}");
    assertThat(select(Matcher.notEqual("job", "a"))).containsExactly("{__name__=\"up\", env=\"prod\", job=\"b\"}");
    assertThat(select(Matcher.regex("__name__", "u.|do.*"), Matcher.notRegex("env", "pr.*"))).containsExactly(
        "{__name__=\"down\", job=\"a\"}", "{__name__=\"up\", job=\"a\"}");
    assertThat(select(Matcher.equal("nope", "x"))).isEmpty();
    assertThat(head.labelNames()).containsExactly("__name__", "env", "job");
    assertThat(head.labelValues("job")).containsExactly("a", "b");
  }

  @Test
  void replayKeepsRefsMapsDuplicateLabelsAndSkipsUnknownRefs() {
    head.replaySeries(7, Labels.of("__name__", "x"));
    head.replaySeries(9, Labels.of("__name__", "x"));
    assertThat(head.replaySample(7, 10, 1)).isTrue();
    assertThat(head.replaySample(9, 20, 2)).isTrue();
    assertThat(head.replaySample(8, 30, 3)).isFalse();
    assertThat(head.numSeries()).isEqualTo(1);
    assertThat(select(Matcher.equal("__name__", "x"))).hasSize(1);
    // new series continue after the highest replayed ref
    assertThat(head.appender().append(Labels.of("__name__", "y"), 40, 1)).isEqualTo(10);
    assertThat(head.minTime()).isEqualTo(10);
    assertThat(head.maxTime()).isEqualTo(20);
  }

  @Test
  void queryableServesTheTsdbToPromql() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tsdbq");
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWal(false), InstantSource.fixed(Instant.EPOCH),
        new SimpleMeterRegistry())) {
      HeadAppender a = db.appender();
      a.append(Labels.of("__name__", "up"), 1000, 1);
      a.append(Labels.of("__name__", "up"), 2000, 0);
      a.commit();
      try (SeriesSet s = new TsdbQueryable(db).select(new SelectHints(0, 5000, 0, "", 0, List.of(), true),
          List.of(Matcher.equal("__name__", "up")))) {
        assertThat(s.next()).isTrue();
        var it = s.at().iterator();
        assertThat(it.seek(1500)).isTrue();
        assertThat(it.atT()).isEqualTo(2000);
        assertThat(it.atV()).isEqualTo(0.0);
        assertThat(s.next()).isFalse();
      }
    } finally {
      LocalTsdb.deleteTree(dir);
    }
  }
}
