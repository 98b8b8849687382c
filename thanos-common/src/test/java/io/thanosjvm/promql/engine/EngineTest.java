package io.thanosjvm.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.QueryCanceledException;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.QueryTimeoutException;
import io.thanosjvm.promql.TooManySamplesException;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import io.thanosjvm.promql.storage.ListSeriesSet;
import io.thanosjvm.promql.storage.Queryable;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.Series;
import io.thanosjvm.promql.storage.SeriesSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EngineTest {

  private static final Engine ENGINE = new Engine(EngineOptions.defaults());

  private static InMemoryQueryable twoJobs() {
    InMemoryQueryable q = new InMemoryQueryable();
    for (int i = 0; i <= 20; i++) {
      q.append(Labels.of("__name__", "x", "job", "b"), i * 15_000L, i * 2);
      q.append(Labels.of("__name__", "x", "job", "a"), i * 15_000L, i);
    }
    return q;
  }

  @Test
  void instantQueryReturnsVectorAtEvaluationTime() {
    QueryResult r = ENGINE.instantQuery(twoJobs(), "x{job=\"a\"} * 2", 60_000);
    assertThat(r.value()).isEqualTo(new VectorValue(List.of(new VectorElement(Labels.of("job", "a"), 60_000, 8))));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void rangeQueryReturnsSeriesSortedByLabels() {
    MatrixValue m = (MatrixValue) ENGINE.rangeQuery(twoJobs(), "x", 0, 60_000, 30_000).value();
    assertThat(m.series()).extracting(MatrixSeries::labels)
        .containsExactly(Labels.of("__name__", "x", "job", "a"), Labels.of("__name__", "x", "job", "b"));
    assertThat(m.series().get(0).timestamps()).containsExactly(0, 30_000, 60_000);
    assertThat(m.series().get(1).values()).containsExactly(0, 4, 8);
  }

  @Test
  void scalarRangeQueryIsOneSeriesWithoutLabels() {
    MatrixValue m = (MatrixValue) ENGINE.rangeQuery(twoJobs(), "time()", 0, 120_000, 60_000).value();
    assertThat(m.series()).hasSize(1);
    assertThat((Object) m.series().get(0).labels()).isEqualTo(Labels.EMPTY);
    assertThat(m.series().get(0).values()).containsExactly(0, 60, 120);
  }

  @Test
  void atStartAndEndPinSelectorsToTheQueryRange() {
    MatrixValue start = (MatrixValue) ENGINE.rangeQuery(twoJobs(), "x{job=\"a\"} @ start()", 60_000, 120_000, 30_000)
        .value();
    assertThat(start.series().get(0).values()).containsExactly(4, 4, 4);
    MatrixValue end = (MatrixValue) ENGINE.rangeQuery(twoJobs(), "x{job=\"a\"} @ end() offset 15s", 60_000, 120_000,
        30_000).value();
    assertThat(end.series().get(0).values()).containsExactly(7, 7, 7);
    MatrixValue sub = (MatrixValue) ENGINE.rangeQuery(twoJobs(),
        "max_over_time(x{job=\"a\"}[1m:15s] @ end())", 60_000, 120_000, 30_000).value();
    assertThat(sub.series().get(0).values()).containsExactly(8, 8, 8);
  }

  @Test
  void instantQueryOfRangeSelectorReturnsRawSamples() {
    MatrixValue m = (MatrixValue) ENGINE.instantQuery(twoJobs(), "x{job=\"a\"}[30s]", 60_000).value();
    assertThat(m.series().get(0).timestamps()).containsExactly(30_000, 45_000, 60_000);
  }

  @Test
  void rangeQueryRejectsRangeVectorExpressions() {
    assertThatThrownBy(() -> ENGINE.rangeQuery(twoJobs(), "x[5m]", 0, 60_000, 15_000))
        .isInstanceOf(QueryExecutionException.class)
        .hasMessage("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
  }

  @Test
  void parseErrorsAreTyped() {
    assertThatThrownBy(() -> ENGINE.instantQuery(twoJobs(), "sum(", 0)).isInstanceOf(PromqlParseException.class);
  }

  @Test
  void staleMarkerHidesSeriesUntilNextSample() {
    InMemoryQueryable q = new InMemoryQueryable();
    Labels l = Labels.of("__name__", "m");
    q.append(l, 0, 1);
    q.append(l, 10_000, StaleMarker.STALE_NAN);
    q.append(l, 20_000, 3);
    assertThat(((VectorValue) ENGINE.instantQuery(q, "m", 15_000).value()).elements()).isEmpty();
    assertThat(((VectorValue) ENGINE.instantQuery(q, "m", 20_000).value()).elements()).hasSize(1);
  }

  @Test
  void lookbackIncludesItsLeftEdge() {
    InMemoryQueryable q = new InMemoryQueryable();
    q.append(Labels.of("__name__", "m"), 0, 1);
    assertThat(((VectorValue) ENGINE.instantQuery(q, "m", 300_000).value()).elements()).hasSize(1);
    assertThat(((VectorValue) ENGINE.instantQuery(q, "m", 300_001).value()).elements()).isEmpty();
  }

  @Test
  void lookbackDeltaIsConfigurable() {
    InMemoryQueryable q = new InMemoryQueryable();
    q.append(Labels.of("__name__", "m"), 0, 1);
    Engine shortLookback = new Engine(EngineOptions.defaults().withLookbackDelta(Duration.ofMinutes(1)));
    assertThat(((VectorValue) shortLookback.instantQuery(q, "m", 60_000).value()).elements()).hasSize(1);
    assertThat(((VectorValue) shortLookback.instantQuery(q, "m", 60_001).value()).elements()).isEmpty();
  }

  @Test
  void tooManySamplesFailsWithPrometheusMessage() {
    Engine small = new Engine(EngineOptions.defaults().withMaxSamples(10));
    assertThatThrownBy(() -> small.rangeQuery(twoJobs(), "x", 0, 300_000, 15_000))
        .isInstanceOf(TooManySamplesException.class)
        .hasMessage("query processing would load too many samples into memory in query execution");
  }

  @Test
  void timeoutUsesTheInjectedClock() {
    AtomicLong now = new AtomicLong();
    InstantSource clock = () -> Instant.ofEpochMilli(now.getAndAdd(1000));
    Engine slow = new Engine(EngineOptions.defaults().withClock(clock).withTimeout(Duration.ofMillis(1500)));
    assertThatThrownBy(() -> slow.instantQuery(twoJobs(), "sum(x) + sum(x) + sum(x)", 0))
        .isInstanceOf(QueryTimeoutException.class)
        .hasMessageStartingWith("query timed out in ");
  }

  @Test
  void cancellationStopsTheQuery() {
    QueryControl control = new QueryControl();
    Queryable cancelling = (hints, matchers) -> {
      control.cancel();
      return twoJobs().select(hints, matchers);
    };
    assertThatThrownBy(() -> ENGINE.instantQuery(cancelling, PromqlParser.parse("x + x"), 0, control))
        .isInstanceOf(QueryCanceledException.class)
        .hasMessageStartingWith("query was canceled in ");
  }

  @Test
  void storageWarningsReachTheResult() {
    Queryable warning = (hints, matchers) -> new ListSeriesSet(List.of(), List.of("partial response: store down"));
    assertThat(ENGINE.instantQuery(warning, "x", 0).warnings()).containsExactly("partial response: store down");
  }

  @Test
  void selectionHintsDescribeTheQuery() {
    List<SelectHints> seen = new ArrayList<>();
    InMemoryQueryable data = twoJobs();
    Queryable recording = (hints, matchers) -> {
      seen.add(hints);
      return data.select(hints, matchers);
    };
    ENGINE.rangeQuery(recording, "sum by (job) (rate(x[5m] offset 1m))", 600_000, 900_000, 15_000);
    assertThat(seen).containsExactly(
        new SelectHints(600_000 - 60_000 - 300_000, 900_000 - 60_000, 15_000, "rate", 300_000, List.of("job"), true));
  }

  @Test
  void manyToManyMatchingIsRejectedWithPrometheusMessage() {
    InMemoryQueryable q = twoJobs();
    q.append(Labels.of("__name__", "y", "job", "a", "i", "1"), 0, 1);
    q.append(Labels.of("__name__", "y", "job", "a", "i", "2"), 0, 1);
    assertThatThrownBy(() -> ENGINE.instantQuery(q, "x + on(job) y", 0))
        .isInstanceOf(QueryExecutionException.class)
        .hasMessage("found duplicate series for the match group {job=\"a\"} on the right hand-side of the operation: "
            + "[{__name__=\"y\", i=\"2\", job=\"a\"}, {__name__=\"y\", i=\"1\", job=\"a\"}]"
            + ";many-to-many matching not allowed: matching labels must be unique on one side");
  }

  @Test
  void sortOrdersInstantResults() {
    VectorValue v = (VectorValue) ENGINE.instantQuery(twoJobs(), "sort_desc(x)", 60_000).value();
    assertThat(v.elements()).extracting(VectorElement::v).containsExactly(8.0, 4.0);
  }

  @Test
  void noSeriesSetIsLeftOpen() {
    List<Boolean> closed = new ArrayList<>();
    InMemoryQueryable data = twoJobs();
    Queryable tracking = (hints, matchers) -> {
      SeriesSet inner = data.select(hints, matchers);
      int idx = closed.size();
      closed.add(false);
      return new SeriesSet() {
        @Override
        public boolean next() {
          return inner.next();
        }

        @Override
        public Series at() {
          return inner.at();
        }

        @Override
        public void close() {
          closed.set(idx, true);
        }
      };
    };
    ENGINE.rangeQuery(tracking, "x + rate(x[1m])", 0, 60_000, 15_000);
    assertThat(closed).containsExactly(true, true);
  }
}
