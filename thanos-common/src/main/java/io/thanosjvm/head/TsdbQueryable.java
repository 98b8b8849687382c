package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.storage.Queryable;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.Series;
import io.thanosjvm.promql.storage.SeriesSet;
import java.util.Iterator;
import java.util.List;

/** The local TSDB (head + blocks) as a PromQL {@link Queryable}. */
public final class TsdbQueryable implements Queryable {

  private final LocalTsdb tsdb;

  /** Serves {@code tsdb}. */
  public TsdbQueryable(LocalTsdb tsdb) {
    this.tsdb = tsdb;
  }

  @Override
  public SeriesSet select(SelectHints hints, List<Matcher> matchers) {
    Iterator<StoredSeries> it = tsdb.select(hints.start(), hints.end(), matchers);
    return new SeriesSet() {
      private Series current;

      @Override
      public boolean next() {
        if (!it.hasNext()) {
          return false;
        }
        StoredSeries s = it.next();
        current = new Series() {
          @Override
          public Labels labels() {
            return s.labels();
          }

          @Override
          public SampleIterator iterator() {
            return s.iterator();
          }
        };
        return true;
      }

      @Override
      public Series at() {
        return current;
      }
    };
  }
}
