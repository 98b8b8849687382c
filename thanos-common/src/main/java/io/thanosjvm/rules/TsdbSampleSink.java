package io.thanosjvm.rules;

import io.thanosjvm.head.AppendException;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.LocalTsdb;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rule results into the ruler's local TSDB (head + WAL), one transaction per group evaluation; a sample the
 * head refuses (out of order, duplicate timestamp with another value, out of bounds) is logged and skipped, as
 * Prometheus' rule manager does.
 */
public final class TsdbSampleSink implements SampleSink {

  private static final Logger LOG = LoggerFactory.getLogger(TsdbSampleSink.class);

  private final LocalTsdb tsdb;

  /** A sink into {@code tsdb}. */
  public TsdbSampleSink(LocalTsdb tsdb) {
    this.tsdb = tsdb;
  }

  @Override
  public int append(long t, List<SeriesValue> samples) {
    HeadAppender app = tsdb.appender();
    int written = 0;
    try {
      for (SeriesValue s : samples) {
        try {
          app.append(s.labels(), t, s.value());
          written++;
        } catch (AppendException e) {
          LOG.warn("rule sample refused by the TSDB: {} (series {}, t={})", e.getMessage(), s.labels(), t);
        }
      }
      app.commit();
    } catch (RuntimeException e) {
      app.rollback();
      throw e;
    }
    return written;
  }
}
