package io.thanosjvm.tsdb.chunks;

import io.thanosjvm.tsdb.encoding.Varints;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Appends chunks to segment files {@code 000001}, {@code 000002}, ... in a chunks directory. A new
 * segment is cut when the next chunk would make the current one exceed the maximum size. Memory use is
 * one write buffer.
 */
public final class ChunkWriter implements Closeable {

  private final Path dir;
  private final long maxSegmentSize;
  private final List<Path> files = new ArrayList<>();
  private final byte[] tmp = new byte[Varints.MAX_LEN + 1];
  private final byte[] crcBytes = new byte[4];
  private final CRC32C crc = new CRC32C();
  private OutputStream out;
  private long pos;
  private long maxChunkSize;

  /** Creates a writer with the default 512 MiB segment size. */
  public ChunkWriter(Path chunksDir) throws IOException {
    this(chunksDir, SegmentFiles.DEFAULT_MAX_SIZE);
  }

  /** Creates a writer cutting segments at {@code maxSegmentSize} bytes. */
  public ChunkWriter(Path chunksDir, long maxSegmentSize) throws IOException {
    if (maxSegmentSize < SegmentFiles.HEADER_SIZE + 16 || maxSegmentSize > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("segment size out of range: " + maxSegmentSize);
    }
    this.dir = Files.createDirectories(chunksDir);
    this.maxSegmentSize = maxSegmentSize;
  }

  /**
   * Writes one chunk and returns its reference.
   *
   * @param encoding the encoding byte
   * @param data chunk data
   * @param off start in {@code data}
   * @param len number of data bytes
   */
  public long write(int encoding, byte[] data, int off, int len) throws IOException {
    int n = Varints.putUvarint(tmp, 0, len);
    long total = n + 1L + len + 4;
    if (out == null || (pos + total > maxSegmentSize && pos > SegmentFiles.HEADER_SIZE)) {
      cut();
    }
    long ref = ChunkRef.of(files.size() - 1, pos);
    tmp[n] = (byte) encoding;
    out.write(tmp, 0, n + 1);
    out.write(data, off, len);
    crc.reset();
    crc.update(encoding);
    crc.update(data, off, len);
    int c = (int) crc.getValue();
    crcBytes[0] = (byte) (c >>> 24);
    crcBytes[1] = (byte) (c >>> 16);
    crcBytes[2] = (byte) (c >>> 8);
    crcBytes[3] = (byte) c;
    out.write(crcBytes);
    pos += total;
    maxChunkSize = Math.max(maxChunkSize, total);
    return ref;
  }

  private void cut() throws IOException {
    if (out != null) {
      out.close();
    }
    Path p = dir.resolve(SegmentFiles.name(files.size() + 1));
    files.add(p);
    out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
    int m = SegmentFiles.MAGIC;
    out.write(new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m,
        (byte) SegmentFiles.VERSION, 0, 0, 0});
    pos = SegmentFiles.HEADER_SIZE;
  }

  /** The segment files written so far. */
  public List<Path> files() {
    return List.copyOf(files);
  }

  /** The largest chunk written, in bytes including length, encoding and CRC (Thanos' chunk_max_size). */
  public long maxChunkSize() {
    return maxChunkSize;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
