package io.thanosjvm.tsdb.encoding;

import java.nio.file.Path;

/**
 * Thrown when a block file (index, chunk segment, tombstones, meta.json) holds data that cannot be
 * decoded: bad magic, bad CRC, truncation, a length or reference out of bounds. The message names the
 * file and the byte offset where decoding failed.
 */
public class CorruptBlockException extends RuntimeException {

  private final String file;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param file the file (or a description of the source) holding the bad data
   * @param offset byte offset of the bad data, or -1 when unknown
   * @param message what is wrong
   */
  public CorruptBlockException(String file, long offset, String message) {
    super(file + (offset >= 0 ? " at offset " + offset : "") + ": " + message);
    this.file = file;
    this.offset = offset;
  }

  /** Same as {@link #CorruptBlockException(String, long, String)} with a cause. */
  public CorruptBlockException(String file, long offset, String message, Throwable cause) {
    this(file, offset, message);
    initCause(cause);
  }

  /** Same as {@link #CorruptBlockException(String, long, String)} for a path. */
  public CorruptBlockException(Path file, long offset, String message) {
    this(String.valueOf(file), offset, message);
  }

  /** The file holding the bad data. */
  public String file() {
    return file;
  }

  /** The byte offset of the bad data, or -1 when unknown. */
  public long offset() {
    return offset;
  }
}
