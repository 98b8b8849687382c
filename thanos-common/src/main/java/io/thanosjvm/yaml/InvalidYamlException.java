package io.thanosjvm.yaml;

/**
 * Text that is not valid YAML (syntax, a duplicate key where they are refused, a bad {@code !!binary} value, too
 * many aliases). Callers turn it into their configuration's own error naming the file.
 */
public final class InvalidYamlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with the parser's description and its cause. */
  public InvalidYamlException(String message, Throwable cause) {
    super(message, cause);
  }
}
