package io.thanosjvm.promql.engine;

/** An intermediate result of evaluating a node over all steps of a {@link StepGrid}. */
sealed interface EvalValue permits StepScalar, StepVector, StepMatrix, StepString {}
