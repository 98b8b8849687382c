package io.thanosjvm.objstore.retry;

import io.thanosjvm.objstore.ObjectStoreException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Decides which failures are worth another attempt. */
public final class TransientFailures {

  private TransientFailures() {}

  /**
   * Typed objstore failures say so themselves; other I/O errors (socket timeouts, resets, truncated
   * bodies surfacing from a stream) are transient; programming errors are not.
   */
  public static boolean isTransient(Throwable t) {
    if (t instanceof ObjectStoreException e) {
      return e.retryable();
    }
    if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
      return false;
    }
    return t instanceof IOException || t instanceof UncheckedIOException;
  }
}
