package io.thanosjvm.objstore.gcs;

import com.google.cloud.storage.StorageException;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;

/** Translates GCS client exceptions into the objstore's typed exceptions. */
final class GcsErrors {

  private GcsErrors() {}

  /** Returns whether trying again may succeed. */
  static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StorageException e) {
        int code = e.getCode();
        if (code >= 500 || code == 408 || code == 429 || e.isRetryable()) {
          return true;
        }
        if (code > 0) {
          return false;
        }
      } else if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Wraps {@code e} for operation {@code op} on object {@code object}. */
  static ObjectStoreException translate(String bucket, String op, String object, RuntimeException e) {
    if (e instanceof StorageException s && s.getCode() == 404) {
      return new ObjectNotFoundException(bucket, object, e);
    }
    return new ObjectStoreException(
        "gcs " + op + " " + object + " in bucket " + bucket + ": " + e.getMessage(), isRetryable(e), e);
  }
}
