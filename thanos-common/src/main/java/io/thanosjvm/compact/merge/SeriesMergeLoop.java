package io.thanosjvm.compact.merge;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.model.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming k-way merge of the inputs' series by label set: each input is a cursor on one series; the
 * smallest label set among them is merged from every input holding it and written, then those inputs advance.
 * Memory holds one series per input at a time.
 */
public final class SeriesMergeLoop {

  private final SeriesMerger merger;
  private final OutputSeries out = new OutputSeries();

  /**
   * A merge loop for an output block holding the closed time range [mint, maxt].
   *
   * @param mode how overlapping chunks are merged
   * @param mint first timestamp the output block may hold
   * @param maxt last timestamp the output block may hold
   */
  public SeriesMergeLoop(DedupMode mode, long mint, long maxt) {
    this.merger = new SeriesMerger(mode, mint, maxt);
  }

  /**
   * Merges all series of the inputs (ordered by position) into the writer.
   *
   * @return the number of samples written, counted as Prometheus' compactor counts them
   */
  public long run(List<InputBlock> inputs, BlockWriter writer) throws IOException {
    List<InputBlock> active = new ArrayList<>(inputs.size());
    for (InputBlock b : inputs) {
      if (b.advance()) {
        active.add(b);
      }
    }
    List<InputBlock> same = new ArrayList<>(inputs.size());
    while (!active.isEmpty()) {
      Labels min = active.get(0).labels();
      for (int i = 1; i < active.size(); i++) {
        if (active.get(i).labels().compareTo(min) < 0) {
          min = active.get(i).labels();
        }
      }
      same.clear();
      for (InputBlock b : active) {
        if (b.labels().equals(min)) {
          same.add(b);
        }
      }
      merger.merge(same, out);
      out.flush(writer, min);
      for (InputBlock b : same) {
        if (!b.advance()) {
          active.remove(b);
        }
      }
    }
    return out.totalSamples();
  }
}
