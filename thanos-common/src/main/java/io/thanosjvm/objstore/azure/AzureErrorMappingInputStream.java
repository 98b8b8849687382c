package io.thanosjvm.objstore.azure;

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
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (RuntimeException e) {
      throw AzureErrors.translate(container, "get", blob, e);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
