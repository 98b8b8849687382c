package io.thanosjvm.promql.engine;

import java.util.List;

/**
 * A range vector over all steps: per series raw samples, and per step the window {@code [refT[i] - range,
 * refT[i]]} (both ends inclusive, as in Prometheus 2.42).
 */
record StepMatrix(List<RangeSeries> series, long[] refT, long range) implements EvalValue {}
