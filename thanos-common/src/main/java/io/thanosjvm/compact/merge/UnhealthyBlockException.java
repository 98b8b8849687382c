package io.thanosjvm.compact.merge;

import java.util.List;

/**
 * Thrown when an input block of a merge is unhealthy (series or samples out of order, overlapping chunks of one
 * series, chunks that cannot be merged). The compactor turns it into a halt naming the same blocks.
 */
public final class UnhealthyBlockException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> blockIds;

  /**
   * An error naming the blocks involved.
   *
   * @param message what is wrong and how to fix it
   * @param blockIds ULIDs of the blocks involved
   */
  public UnhealthyBlockException(String message, List<String> blockIds) {
    super(message);
    this.blockIds = List.copyOf(blockIds);
  }

  /** ULIDs of the blocks involved. */
  public List<String> blockIds() {
    return blockIds;
  }
}
