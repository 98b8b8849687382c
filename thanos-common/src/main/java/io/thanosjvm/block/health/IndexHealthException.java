package io.thanosjvm.block.health;

/**
 * An index so broken that gathering its health stats stopped (series out of order, a series without labels or
 * without chunks); the message is Thanos' wording. A repair may still fix it: the repair sorts the series.
 */
public final class IndexHealthException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An exception with Thanos' message. */
  public IndexHealthException(String message) {
    super(message);
  }
}
