package io.thanosjvm.model;

/** A label matcher whose regular expression does not compile. */
public final class InvalidMatcherException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidMatcherException(String message, Throwable cause) {
    super(message, cause);
  }
}
