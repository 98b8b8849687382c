package io.thanosjvm.model;

/** A regular expression Go's {@code regexp} refuses, with Go's message: {@code error parsing regexp: <code>: `<expr>`}. */
public final class GoRegexpSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The error code text (e.g. {@code missing closing )}) and the offending part of the expression. */
  public GoRegexpSyntaxException(String code, String expr) {
    super("error parsing regexp: " + code + ": `" + expr + "`");
  }
}
