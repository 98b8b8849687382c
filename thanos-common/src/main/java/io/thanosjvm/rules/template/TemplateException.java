package io.thanosjvm.rules.template;

/** A template that failed to parse or to execute; the message is Go's, as Prometheus 2.42 reports it. */
public final class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with Go's message text. */
  public TemplateException(String message) {
    super(message);
  }
}
