package io.thanosjvm.rules;

import java.util.List;

/** Where a group's evaluation writes its samples (the ruler's TSDB, or remote write in stateless mode). */
@FunctionalInterface
public interface SampleSink {

  /**
   * Writes {@code samples}, all at {@code t}; samples the storage refuses (out of order, duplicates) are skipped
   * and reported by the sink, the others are kept.
   *
   * @return how many samples were written
   */
  int append(long t, List<SeriesValue> samples);
}
