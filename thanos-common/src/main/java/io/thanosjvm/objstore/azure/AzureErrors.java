package io.thanosjvm.objstore.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Translates Azure SDK exceptions into the objstore's typed exceptions. */
final class AzureErrors {

  private AzureErrors() {}

  /** Returns whether {@code t} (or a cause) says the blob is missing. */
  static boolean isBlobNotFound(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BlobStorageException e) {
        return e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
      }
    }
    return false;
  }

  /** Returns whether trying again may succeed. */
  static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpResponseException e && e.getResponse() != null) {
        int status = e.getResponse().getStatusCode();
        return status >= 500 || status == 408 || status == 429;
      }
      if (c instanceof IOException || c instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Wraps {@code e} for operation {@code op} on blob {@code blob}. */
  static ObjectStoreException translate(String container, String op, String blob, RuntimeException e) {
    if (isBlobNotFound(e)) {
      return new ObjectNotFoundException(container, blob, e);
    }
    return new ObjectStoreException(
        "azure " + op + " " + blob + " in container " + container + ": " + e.getMessage(), isRetryable(e), e);
  }
}
