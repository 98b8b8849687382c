package io.thanosjvm.tsdb.chunkenc;

/** Thrown when chunk data cannot be decoded (truncated stream, unknown encoding, bad sub-chunk sizes). */
public class ChunkFormatException extends RuntimeException {

  /** Creates the exception with a message. */
  public ChunkFormatException(String message) {
    super(message);
  }
}
