package io.thanosjvm.objstore.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Upload bytes that can be read again from the start, so a retried upload re-sends exactly the same
 * bytes. Small payloads of known length are kept in a bounded heap buffer, everything else is spooled to
 * a temporary file that {@link #close()} deletes.
 */
public final class ReplayableUpload implements AutoCloseable {

  /** Payloads of known length up to this many bytes stay in heap. */
  public static final int MAX_HEAP_BYTES = 1 << 20;

  private final byte[] buffer;
  private final Path file;
  private final long length;

  private ReplayableUpload(byte[] buffer, Path file, long length) {
    this.buffer = buffer;
    this.file = file;
    this.length = length;
  }

  /**
   * Reads {@code data} to its end. {@code declaredLength} is the caller's length or -1 when unknown; a
   * stream yielding a different number of bytes than declared is rejected.
   *
   * @param spoolDir directory for temporary files
   */
  public static ReplayableUpload capture(InputStream data, long declaredLength, Path spoolDir)
      throws IOException {
    if (declaredLength >= 0 && declaredLength <= MAX_HEAP_BYTES) {
      byte[] bytes = data.readNBytes((int) declaredLength);
      if (bytes.length != declaredLength || data.read() != -1) {
        throw new IOException("upload stream length differs from the declared " + declaredLength);
      }
      return new ReplayableUpload(bytes, null, declaredLength);
    }
    Files.createDirectories(spoolDir);
    Path file = Files.createTempFile(spoolDir, "objstore-spool-", ".tmp");
    try {
      long written;
      try (OutputStream out = Files.newOutputStream(file)) {
        written = data.transferTo(out);
      }
      if (declaredLength >= 0 && written != declaredLength) {
        throw new IOException(
            "upload stream yielded " + written + " bytes, declared " + declaredLength);
      }
      return new ReplayableUpload(null, file, written);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Returns the exact number of bytes. */
  public long length() {
    return length;
  }

  /**
   * Opens a fresh stream over all bytes; the caller closes it. The stream is a {@link ReplayableStream},
   * so a consumer that sends it in parts (multipart uploads) can re-read any part for a retry.
   */
  public ReplayableStream open() throws IOException {
    return new ReplayableStream(openAt(0), this);
  }

  /** Opens a fresh stream starting at byte {@code offset}. */
  public InputStream openAt(long offset) throws IOException {
    if (offset < 0 || offset > length) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + length);
    }
    if (buffer != null) {
      return new ByteArrayInputStream(buffer, (int) offset, (int) (length - offset));
    }
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(offset);
    return in;
  }

  /** Deletes the spool file, if any. */
  @Override
  public void close() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }
}
