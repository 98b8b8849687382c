package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.Queryable;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.Series;
import io.thanosjvm.promql.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds an alert's last {@code ALERTS_FOR_STATE} sample in a storage (the ruler's TSDB) within
 * {@code [now - outage tolerance, now]}: the series selected by an equality matcher per label, the one with exactly
 * those labels taken, as Prometheus' {@code QueryforStateSeries}.
 */
public final class QueryableForStateLookup implements ForStateLookup {

  private final Queryable storage;
  private final long minMillis;
  private final long maxMillis;

  /**
   * A lookup at {@code nowMillis}.
   *
   * @param outageToleranceMillis {@code --for-outage-tolerance}: older state is not restored
   */
  public QueryableForStateLookup(Queryable storage, long nowMillis, long outageToleranceMillis) {
    this.storage = storage;
    this.minMillis = nowMillis - outageToleranceMillis;
    this.maxMillis = nowMillis;
  }

  @Override
  public Sample last(Labels forStateSeries) {
    List<Matcher> matchers = new ArrayList<>();
    for (Label l : forStateSeries) {
      matchers.add(Matcher.equal(l.name(), l.value()));
    }
    try (SeriesSet set = storage.select(new SelectHints(minMillis, maxMillis, 0, "", 0, List.of(), false),
        matchers)) {
      while (set.next()) {
        Series s = set.at();
        if (s.labels().size() != matchers.size()) {
          continue;
        }
        SampleIterator it = s.iterator();
        long t = Long.MIN_VALUE;
        double v = 0;
        if (!it.seek(minMillis)) {
          return null;
        }
        do {
          if (it.atT() > maxMillis) {
            break;
          }
          t = it.atT();
          v = it.atV();
        } while (it.next());
        return t == Long.MIN_VALUE ? null : new Sample(t, v);
      }
    }
    return null;
  }
}
