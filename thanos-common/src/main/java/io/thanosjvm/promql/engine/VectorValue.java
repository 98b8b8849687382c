package io.thanosjvm.promql.engine;

import java.util.List;

/**
 * An instant vector result, in Prometheus' result order (meaningful after sort, sort_desc, topk, bottomk).
 *
 * @param elements the elements
 */
public record VectorValue(List<VectorElement> elements) implements QueryValue {

  /** Copies the list. */
  public VectorValue {
    elements = List.copyOf(elements);
  }
}
