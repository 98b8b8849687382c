package io.thanosjvm.queryfrontend;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A successful range query result: series sorted by labels (as Prometheus sorts a matrix) and the warnings.
 *
 * @param series the series in label order, each label set once
 * @param warnings the response's warnings, without duplicates
 */
public record Matrix(List<MatrixSeries> series, List<String> warnings) {

  /** An empty result. */
  public static final Matrix EMPTY = new Matrix(List.of(), List.of());

  /** Copies the lists. */
  public Matrix {
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
  }

  /**
   * Merges results of adjacent or overlapping ranges (Cortex' matrix merge): series concatenated by label set,
   * samples in time order without duplicate timestamps (the first result's sample wins), warnings kept once.
   */
  public static Matrix merge(List<Matrix> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Map<Labels, MatrixSeries> byLabels = new TreeMap<>();
    LinkedHashSet<String> warnings = new LinkedHashSet<>();
    for (Matrix m : parts) {
      warnings.addAll(m.warnings);
      for (MatrixSeries s : m.series) {
        byLabels.merge(s.labels(), s, MatrixSeries::merge);
      }
    }
    List<MatrixSeries> out = new ArrayList<>(byLabels.size());
    for (MatrixSeries s : byLabels.values()) {
      if (s.size() > 0) {
        out.add(s);
      }
    }
    return new Matrix(out, new ArrayList<>(warnings));
  }

  /** The samples within {@code [mint, maxt]}; series left without samples are dropped. */
  public Matrix between(long mint, long maxt) {
    List<MatrixSeries> out = new ArrayList<>(series.size());
    for (MatrixSeries s : series) {
      MatrixSeries cut = s.between(mint, maxt);
      if (cut.size() > 0) {
        out.add(cut);
      }
    }
    return new Matrix(out, warnings);
  }

  /** The number of samples over all series. */
  public long samples() {
    long n = 0;
    for (MatrixSeries s : series) {
      n += s.size();
    }
    return n;
  }
}
