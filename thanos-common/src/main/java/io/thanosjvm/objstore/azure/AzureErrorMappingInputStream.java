package io.thanosjvm.objstore.azure;

import com.azure.core.exception.HttpResponseException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns the SDK's unchecked failures during a streamed read into typed objstore exceptions. */
final class AzureErrorMappingInputStream extends FilterInputStream {

  private final String container;
  private final String blob;

  AzureErrorMappingInputStream(InputStream in, String container, String blob) {
    super(in);
    this.container = container;
    this.blob = blob;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (RuntimeException e) {
      throw AzureErrors.translate(container, "get", blob, e);
    } catch (IOException e) {
      throw typed(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (RuntimeException e) {
      throw AzureErrors.translate(container, "get", blob, e);
    } catch (IOException e) {
      throw typed(e);
    }
  }

  /**
   * An HTTP answer inside a read error decides retryability (e.g. 412: the blob changed since the read
   * began, which must not be resumed against the new version); plain I/O errors stay transient.
   */
  private IOException typed(IOException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof HttpResponseException http) {
        return AzureErrors.translate(container, "get", blob, http);
      }
    }
    return e;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
