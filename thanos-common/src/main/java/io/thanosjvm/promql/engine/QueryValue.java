package io.thanosjvm.promql.engine;

/** The value of a query: {@link ScalarValue}, {@link VectorValue}, {@link MatrixValue} or {@link StringValue}. */
public sealed interface QueryValue permits ScalarValue, VectorValue, MatrixValue, StringValue {}
