package io.thanosjvm.query.downsample;

import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.ArraySampleIterator;

/**
 * The samples of one series read from its chunks, in strictly increasing time order.
 *
 * @param ts timestamps (ms); only the first {@code count} are valid
 * @param vs values, parallel to {@code ts}
 * @param count number of samples
 */
public record DecodedSamples(long[] ts, double[] vs, int count) {

  /** Validates the arrays against the count. */
  public DecodedSamples {
    if (count < 0 || count > ts.length || count > vs.length) {
      throw new IllegalArgumentException("sample count " + count + " does not fit the arrays");
    }
  }

  /** A fresh iterator over the samples. */
  public SampleIterator iterator() {
    return new ArraySampleIterator(ts, vs, 0, count);
  }
}
