package io.thanosjvm.tsdb.encoding;

import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only, memory-mapped random access to a file, in windows of 1 GiB so files of any size work.
 * Nothing is copied to the heap except the ranges a caller asks for; the operating system's page cache
 * does the caching. Reads outside the file throw {@link CorruptBlockException} naming the file and
 * offset. Thread-safe (absolute reads only).
 */
public final class FileSource implements Closeable {

  private static final int WINDOW_BITS = 30;
  private static final long WINDOW = 1L << WINDOW_BITS;

  private final Path path;
  private final FileChannel channel;
  private final long size;
  private final MappedByteBuffer[] windows;

  private FileSource(Path path, FileChannel channel, long size, MappedByteBuffer[] windows) {
    this.path = path;
    this.channel = channel;
    this.size = size;
    this.windows = windows;
  }

  /** Opens and maps a file for reading. */
  public static FileSource open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = ch.size();
      int n = (int) ((size + WINDOW - 1) >>> WINDOW_BITS);
      MappedByteBuffer[] w = new MappedByteBuffer[n];
      for (int i = 0; i < n; i++) {
        long start = (long) i << WINDOW_BITS;
        w[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
      }
      return new FileSource(path, ch, size, w);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The file size in bytes at open time. */
  public long size() {
    return size;
  }

  /** A corrupt-data exception for this file. */
  public CorruptBlockException corrupt(long offset, String message) {
    return new CorruptBlockException(path, offset, message);
  }

  private void check(long pos, long len) {
    if (pos < 0 || len < 0 || pos > size - len) {
      throw corrupt(pos, "read of " + len + " bytes beyond end of file (size " + size + ")");
    }
  }

  /** The unsigned byte at {@code pos}. */
  public int byteAt(long pos) {
    check(pos, 1);
    return windows[(int) (pos >>> WINDOW_BITS)].get((int) (pos & (WINDOW - 1))) & 0xFF;
  }

  /**
   * Copies exactly {@code len} bytes at file position {@code pos} into {@code dst}.
   *
   * @throws CorruptBlockException when the range lies outside the file
   */
  public void readFully(long pos, byte[] dst, int off, int len) {
    check(pos, len);
    while (len > 0) {
      int w = (int) (pos >>> WINDOW_BITS);
      int in = (int) (pos & (WINDOW - 1));
      int n = (int) Math.min(len, WINDOW - in);
      windows[w].get(in, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Reads {@code len} bytes at {@code pos} into a new array (the caller has bounded {@code len}). */
  public byte[] read(long pos, int len) {
    check(pos, len);
    byte[] b = new byte[len];
    readFully(pos, b, 0, len);
    return b;
  }

  /** Reads at most {@code len} bytes at {@code pos} (fewer near the end of the file) into a new array. */
  public byte[] readUpTo(long pos, int len) {
    check(pos, 0);
    return read(pos, (int) Math.min(len, size - pos));
  }

  /** A bounds-checked decoder over {@code len} bytes at {@code pos}. */
  public DecodeBuffer decoder(long pos, int len) {
    return new DecodeBuffer(path.toString(), pos, read(pos, len), 0, len);
  }

  /** Reads a big-endian 32-bit integer at {@code pos}. */
  public int be32At(long pos) {
    check(pos, 4);
    return (byteAt(pos) << 24) | (byteAt(pos + 1) << 16) | (byteAt(pos + 2) << 8) | byteAt(pos + 3);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
