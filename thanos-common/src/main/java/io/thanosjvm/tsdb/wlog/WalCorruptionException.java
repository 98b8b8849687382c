package io.thanosjvm.tsdb.wlog;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad or torn data in a WAL or checkpoint segment: the directory, the segment index and the byte offset in the
 * segment where the bad record starts (every record that ends at or before it is intact). {@link Wal#repair}
 * takes it to truncate the WAL there; corruption inside a checkpoint cannot be repaired.
 */
public final class WalCorruptionException extends IOException {

  private final Path dir;
  private final int segment;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param dir the WAL or checkpoint directory holding the segment
   * @param segment the segment index
   * @param offset the byte offset in the segment of the start of the bad record
   * @param message what is wrong
   */
  public WalCorruptionException(Path dir, int segment, long offset, String message) {
    super("corruption in segment " + Segments.path(dir, segment) + " at " + offset + ": " + message);
    this.dir = dir;
    this.segment = segment;
    this.offset = offset;
  }

  /** Same with a cause. */
  public WalCorruptionException(Path dir, int segment, long offset, String message, Throwable cause) {
    this(dir, segment, offset, message);
    initCause(cause);
  }

  /** The directory of the segment. */
  public Path dir() {
    return dir;
  }

  /** The segment index. */
  public int segment() {
    return segment;
  }

  /** The offset in the segment of the first byte of the bad record. */
  public long offset() {
    return offset;
  }
}
