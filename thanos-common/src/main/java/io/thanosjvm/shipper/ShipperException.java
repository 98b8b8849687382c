package io.thanosjvm.shipper;

import java.io.IOException;

/** A shipper sync that could not finish: the message says which step and which block or file. */
public class ShipperException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int uploaded;

  /** A failed sync with its cause (may be null). */
  public ShipperException(String message, Throwable cause) {
    this(message, cause, 0);
  }

  /** A failed sync that uploaded {@code uploaded} blocks before it stopped. */
  public ShipperException(String message, Throwable cause, int uploaded) {
    super(message, cause);
    this.uploaded = uploaded;
  }

  /** Blocks uploaded by the sync before it stopped (they are recorded and not uploaded again). */
  public int uploaded() {
    return uploaded;
  }
}
