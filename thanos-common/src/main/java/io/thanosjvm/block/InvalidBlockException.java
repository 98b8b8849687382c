package io.thanosjvm.block;

/** A local block directory that cannot be uploaded: missing or invalid meta.json, index or chunks. */
public class InvalidBlockException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error about the block at {@code blockDir}. */
  public InvalidBlockException(String blockDir, String message, Throwable cause) {
    super(blockDir + ": " + message, cause);
  }

  /** An error about the block at {@code blockDir}. */
  public InvalidBlockException(String blockDir, String message) {
    this(blockDir, message, null);
  }
}
