package io.thanosjvm.promql.engine;

/** A string (the same at every step). */
record StepString(String v) implements EvalValue {}
