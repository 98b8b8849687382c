package io.thanosjvm.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Series request each select sends: the resolution window and the aggregates of its enclosing function. */
class StoreQueryableRequestTest {

  /** Records requests and answers nothing. */
  private static final class Recorder extends StoreGrpc.StoreImplBase {
    final List<SeriesRequest> requests = new ArrayList<>();

    @Override
    public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
      requests.add(request);
      out.onCompleted();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "3600000, rate, 600000, 300000, COUNTER",
      "3600000, increase, 7200000, 3600000, COUNTER",
      "3600000, sum_over_time, 600000, 3600000, SUM",
      "3600000, min, 0, 3600000, MIN",
      "300000, max_over_time, 3600000, 300000, MAX",
      "300000, count_over_time, 3600000, 300000, COUNT",
      "300000, '', 0, 300000, COUNT SUM",
      "300000, avg_over_time, 600000, 300000, COUNT SUM",
      "300000, deriv, 300000, 150000, COUNT SUM",
      "0, rate, 300000, 0, COUNTER"})
  void eachSelectAsksForItsWindowAndAggregates(long window, String function, long range, long expectedWindow,
      String aggregates) {
    Recorder store = new Recorder();
    StoreQueryable q = new StoreQueryable(store, PartialResponseStrategy.WARN, List.of(), window);
    try (SeriesSet set = q.select(new SelectHints(0, 7_200_000, 60_000, function, range, List.of(), false),
        List.of(Matcher.of(MatchType.EQUAL, "__name__", "up")))) {
      assertThat(set.next()).isFalse();
    }
    SeriesRequest r = store.requests.get(0);
    assertThat(r.getMaxResolutionWindow()).isEqualTo(expectedWindow);
    assertThat(r.getAggregatesList()).containsExactlyElementsOf(
        Arrays.stream(aggregates.split(" ")).map(Aggr::valueOf).toList());
    assertThat(r.getQueryHints().getFunc().getName()).isEqualTo(function);
  }
}
