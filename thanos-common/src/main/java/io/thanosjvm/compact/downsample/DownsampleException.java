package io.thanosjvm.compact.downsample;

/** A block or series cannot be downsampled (unsupported chunk, overlapping chunks, wrong resolution). */
public class DownsampleException extends RuntimeException {

  /** Creates the exception with a message naming the offending block or series. */
  public DownsampleException(String message) {
    super(message);
  }
}
