package io.thanosjvm.objstore.retry;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an object range and, when the connection breaks mid-body with a transient error, reopens the
 * remaining range from the last byte received instead of failing the whole read.
 */
final class ResumingInputStream extends InputStream {

  /** Opens {@code length} bytes (-1 = to the end) from {@code offset}. */
  @FunctionalInterface
  interface RangeOpener {
    InputStream open(long offset, long length) throws IOException;
  }

  /** Called before each resume; throws when the retry budget is spent. */
  @FunctionalInterface
  interface ResumeGate {
    void beforeResume(IOException cause, int resume) throws IOException;
  }

  private final RangeOpener opener;
  private final ResumeGate gate;
  private final long end;
  private InputStream current;
  private long position;
  private int resumes;

  /**
   * @param first the already opened stream starting at {@code offset}
   * @param length bytes wanted, -1 for "to the end"
   */
  ResumingInputStream(InputStream first, long offset, long length, RangeOpener opener, ResumeGate gate) {
    this.current = first;
    this.position = offset;
    this.end = length < 0 ? -1 : offset + length;
    this.opener = opener;
    this.gate = gate;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      try {
        int n = current.read(b, off, len);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (IOException e) {
        if (!TransientFailures.isTransient(e)) {
          throw e;
        }
        resume(e);
      }
    }
  }

  private void resume(IOException cause) throws IOException {
    closeQuietly();
    while (true) {
      gate.beforeResume(cause, ++resumes);
      try {
        current = opener.open(position, end < 0 ? -1 : end - position);
        return;
      } catch (IOException e) {
        if (!TransientFailures.isTransient(e)) {
          throw e;
        }
        cause = e;
      }
    }
  }

  private void closeQuietly() {
    try {
      current.close();
    } catch (IOException | RuntimeException ignored) {
      // The broken connection is being replaced.
    }
  }

  @Override
  public void close() throws IOException {
    current.close();
  }
}
