package io.thanosjvm.receive.hashring;

/** A replica number beyond the endpoints of a hashring (Thanos' "insufficient nodes" error). */
public final class InsufficientNodesException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error for a hashring of {@code have} endpoints asked for replica {@code want - 1}. */
  public InsufficientNodesException(long have, long want) {
    super("insufficient nodes; have " + have + ", want " + want);
  }
}
