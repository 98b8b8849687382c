package io.thanosjvm.compact.rewrite;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.tsdb.Tombstones;
import java.util.List;
import java.util.Objects;

/**
 * One of Thanos' deletion requests ({@code metadata.DeletionRequest}): the series every matcher selects lose their
 * samples in the intervals, or all of them when no interval is given.
 *
 * @param selector the matchers as written ({@code {__name__="x", job=~"a.*"}}), kept for the meta.json record
 * @param matchers the parsed matchers
 * @param intervals closed time ranges in ms; empty means the whole series
 * @param requestId an optional identifier of the request ("" when none)
 */
public record DeletionRequest(String selector, List<Matcher> matchers, List<Tombstones.Interval> intervals,
    String requestId) {

  /** The whole time range, for a request without intervals. */
  public static final Tombstones.Interval ALL = new Tombstones.Interval(Long.MIN_VALUE, Long.MAX_VALUE);

  /** Copies the lists and requires at least one matcher. */
  public DeletionRequest {
    Objects.requireNonNull(selector, "selector");
    matchers = List.copyOf(matchers);
    intervals = List.copyOf(intervals);
    Objects.requireNonNull(requestId, "requestId");
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a deletion request needs matchers");
    }
  }

  /** Whether the request selects the series. */
  public boolean selects(Labels labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The intervals the request deletes from a series it selects. */
  public List<Tombstones.Interval> deleted() {
    return intervals.isEmpty() ? List.of(ALL) : intervals;
  }
}
