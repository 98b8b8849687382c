package io.thanosjvm.compact;

import java.util.List;

/**
 * A compactor error that must stop compaction until an operator intervenes (Thanos' "halt" errors: the
 * compactor sets {@code thanos_compact_halted=1} and does nothing more). The message names the blocks and the
 * fix.
 */
public final class HaltException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> blockIds;

  /**
   * A halt naming the blocks involved.
   *
   * @param message what is wrong and how to fix it
   * @param blockIds ULIDs of the blocks involved
   */
  public HaltException(String message, List<String> blockIds) {
    super(message);
    this.blockIds = List.copyOf(blockIds);
  }

  /** ULIDs of the blocks involved. */
  public List<String> blockIds() {
    return blockIds;
  }
}
