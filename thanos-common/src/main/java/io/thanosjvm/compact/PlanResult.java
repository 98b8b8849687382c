package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.List;
import java.util.Objects;

/** What {@link Planner} decided for one group. */
public sealed interface PlanResult {

  /** No-compact marks the caller must write, whatever the verdict. */
  List<NoCompactRequest> newNoCompactMarks();

  /**
   * Compact these blocks into one.
   *
   * @param blocks the blocks, ordered by min time; at least two, or one block rewritten to drop tombstones
   * @param vertical whether the blocks overlap in time (vertical compaction merges their series)
   * @param newNoCompactMarks marks to write before compacting
   */
  record Compact(List<BlockMeta> blocks, boolean vertical, List<NoCompactRequest> newNoCompactMarks)
      implements PlanResult {

    /** Validates and freezes the plan. */
    public Compact {
      blocks = List.copyOf(blocks);
      newNoCompactMarks = List.copyOf(newNoCompactMarks);
      if (blocks.isEmpty()) {
        throw new IllegalArgumentException("a compaction plan needs blocks");
      }
    }

    /** ULIDs of the planned blocks in plan order. */
    public List<String> blockIds() {
      return blocks.stream().map(BlockMeta::ulid).toList();
    }
  }

  /**
   * Nothing to compact in this group now.
   *
   * @param newNoCompactMarks marks to write
   */
  record Idle(List<NoCompactRequest> newNoCompactMarks) implements PlanResult {

    /** Freezes the marks. */
    public Idle {
      newNoCompactMarks = List.copyOf(newNoCompactMarks);
    }
  }

  /**
   * The group must not be compacted: an operator has to fix the blocks.
   *
   * @param error the halt error naming the blocks and the fix
   * @param newNoCompactMarks marks to write
   */
  record Halt(HaltException error, List<NoCompactRequest> newNoCompactMarks) implements PlanResult {

    /** Validates the verdict. */
    public Halt {
      Objects.requireNonNull(error, "error");
      newNoCompactMarks = List.copyOf(newNoCompactMarks);
    }
  }
}
