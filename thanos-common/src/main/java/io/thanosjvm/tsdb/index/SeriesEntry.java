package io.thanosjvm.tsdb.index;

import io.thanosjvm.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A series as stored in the index: its reference, labels and chunk metas in time order.
 *
 * @param ref series reference (file offset / 16)
 * @param labels the label set
 * @param chunks chunk metas ordered by time
 */
public record SeriesEntry(long ref, Labels labels, List<ChunkMeta> chunks) {

  /** Validates and copies. */
  public SeriesEntry {
    Objects.requireNonNull(labels, "labels");
    chunks = List.copyOf(chunks);
  }
}
