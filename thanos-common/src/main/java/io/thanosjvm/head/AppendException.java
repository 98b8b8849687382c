package io.thanosjvm.head;

/** A sample refused by the head; the message is Prometheus' error text (see {@link AppendError}). */
public final class AppendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient AppendError error;

  /** Creates the exception for {@code error}. */
  public AppendException(AppendError error) {
    super(error.text(), null, false, false);
    this.error = error;
  }

  /** The reason. */
  public AppendError error() {
    return error;
  }
}
