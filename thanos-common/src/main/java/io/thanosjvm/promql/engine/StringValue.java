package io.thanosjvm.promql.engine;

/**
 * A string result.
 *
 * @param t the evaluation time in ms
 * @param v the value
 */
public record StringValue(long t, String v) implements QueryValue {}
