package io.thanosjvm.tsdb;

import io.thanosjvm.json.GoJsonException;

/**
 * Thrown when a meta.json or marker file is malformed (not JSON, see {@link GoJsonException}) or has an
 * unsupported version or missing fields.
 */
public class InvalidMetaException extends GoJsonException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param file the file name for the message
   * @param offset character offset of the problem, or -1
   * @param message what is wrong
   */
  public InvalidMetaException(String file, long offset, String message) {
    super(file, offset, message);
  }

  /** The file. */
  public String file() {
    return source();
  }

  /** The exception for a meta or marker file that is not JSON. */
  public static InvalidMetaException of(GoJsonException e) {
    return new InvalidMetaException(e.source(), e.offset(), e.problem());
  }
}
