package io.thanosjvm.queryfrontend;

/** One stage of the range query pipeline (Cortex' {@code queryrange.Handler}). */
@FunctionalInterface
public interface RangeHandler {

  /** Answers {@code request}; errors are answers too (never thrown for downstream failures). */
  QueryResponse handle(RangeRequest request, RequestHeaders headers);
}
