package io.thanosjvm.cacheutil;

import java.io.IOException;

/** A cache server answered with an error or with bytes that break its protocol; the message says which. */
public final class CacheServerException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the server and the offending reply. */
  public CacheServerException(String message) {
    super(message);
  }
}
