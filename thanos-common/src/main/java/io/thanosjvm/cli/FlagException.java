package io.thanosjvm.cli;

/** A command line that cannot be accepted; the message names the flag and, when close, the right one. */
public final class FlagException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public FlagException(String message) {
    super(message);
  }
}
