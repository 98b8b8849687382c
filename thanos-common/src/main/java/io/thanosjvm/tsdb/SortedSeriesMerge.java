package io.thanosjvm.tsdb;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Merges label-sorted series streams into one stream in label order: the series of equal labels across the
 * streams are handed together, in stream order, to a combiner (which merges their samples); a series only one
 * stream holds passes through unchanged. Prometheus' merge querier over blocks and head. Streams are read
 * lazily: nothing is pulled before the first {@code hasNext}.
 *
 * @param <S> the series type
 */
public final class SortedSeriesMerge<S> implements Iterator<S> {

  private final List<Iterator<S>> its;
  private final Function<S, Labels> labels;
  private final BiFunction<Labels, List<S>, S> combine;
  private final List<S> heads;
  private boolean primed;

  /**
   * A merge of {@code its}.
   *
   * @param labels a series' labels
   * @param combine one series from the labels and the 2+ series holding them (earlier streams first)
   */
  public SortedSeriesMerge(List<Iterator<S>> its, Function<S, Labels> labels,
      BiFunction<Labels, List<S>, S> combine) {
    this.its = List.copyOf(its);
    this.labels = labels;
    this.combine = combine;
    this.heads = new ArrayList<>(its.size());
  }

  @Override
  public boolean hasNext() {
    if (!primed) {
      for (Iterator<S> it : its) {
        heads.add(it.hasNext() ? it.next() : null);
      }
      primed = true;
    }
    for (S h : heads) {
      if (h != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public S next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Labels min = null;
    for (S h : heads) {
      if (h != null && (min == null || labels.apply(h).compareTo(min) < 0)) {
        min = labels.apply(h);
      }
    }
    List<S> same = new ArrayList<>(2);
    for (int i = 0; i < heads.size(); i++) {
      S h = heads.get(i);
      if (h != null && labels.apply(h).equals(min)) {
        same.add(h);
        heads.set(i, its.get(i).hasNext() ? its.get(i).next() : null);
      }
    }
    return same.size() == 1 ? same.get(0) : combine.apply(min, same);
  }
}
