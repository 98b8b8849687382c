package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;

/**
 * One element of an instant vector result.
 *
 * @param labels the series labels
 * @param t the evaluation time in ms
 * @param v the value
 */
public record VectorElement(Labels labels, long t, double v) {}
