package io.thanosjvm.tsdb;

import io.thanosjvm.json.GoJsonException;

/** Thrown when a meta.json or marker file is malformed or has an unsupported version. */
public class InvalidMetaException extends RuntimeException {

  private final String file;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param file the file name for the message
   * @param offset character offset of the problem, or -1
   * @param message what is wrong
   */
  public InvalidMetaException(String file, long offset, String message) {
    super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + message);
    this.file = file;
    this.offset = offset;
  }

  /** The file. */
  public String file() {
    return file;
  }

  /** The character offset of the problem, or -1. */
  public long offset() {
    return offset;
  }

  /** The exception for a meta or marker file that is not JSON. */
  public static InvalidMetaException of(GoJsonException e) {
    return new InvalidMetaException(e.source(), e.offset(), e.problem());
  }
}
