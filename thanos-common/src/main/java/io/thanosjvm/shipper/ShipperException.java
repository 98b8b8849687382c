package io.thanosjvm.shipper;

import java.io.IOException;

/** A shipper sync that could not finish: the message says which step and which block or file. */
public class ShipperException extends IOException {

  private static final long serialVersionUID = 1L;

  /** A failed sync with its cause (may be null). */
  public ShipperException(String message, Throwable cause) {
    super(message, cause);
  }
}
