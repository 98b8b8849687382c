package io.thanosjvm.promql.engine;

/**
 * A scalar result.
 *
 * @param t the evaluation time in ms
 * @param v the value
 */
public record ScalarValue(long t, double v) implements QueryValue {}
