package io.thanosjvm.objstore.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stream of a {@link ReplayableUpload}: reads like any stream, and can also re-open the same bytes
 * from any offset, which lets a provider retry one part of a multipart upload without re-sending the
 * parts before it.
 */
public final class ReplayableStream extends FilterInputStream {

  private final ReplayableUpload source;

  ReplayableStream(InputStream in, ReplayableUpload source) {
    super(in);
    this.source = source;
  }

  /** Returns the total number of bytes. */
  public long length() {
    return source.length();
  }

  /** Opens an independent stream over the same bytes from {@code offset}; the caller closes it. */
  public InputStream openAt(long offset) throws IOException {
    return source.openAt(offset);
  }
}
