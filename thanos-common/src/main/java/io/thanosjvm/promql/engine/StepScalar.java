package io.thanosjvm.promql.engine;

/** A scalar per step. */
record StepScalar(double[] v) implements EvalValue {}
