package io.thanosjvm.tsdb.chunks;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.encoding.FileSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random-access reader of a block's chunk segments. Each {@link #read(long)} does positional reads of
 * one chunk and verifies its CRC32C; segment headers are checked on open. Thread-safe.
 */
public final class ChunkReader implements Closeable {

  private final List<FileSource> segments;

  private ChunkReader(List<FileSource> segments) {
    this.segments = segments;
  }

  /**
   * Opens every segment in {@code chunksDir}.
   *
   * @throws CorruptBlockException on a bad header
   */
  public static ChunkReader open(Path chunksDir) throws IOException {
    List<FileSource> list = new ArrayList<>();
    try {
      for (Path p : SegmentFiles.list(chunksDir)) {
        FileSource fs = FileSource.open(p);
        list.add(fs);
        if (fs.size() < SegmentFiles.HEADER_SIZE) {
          throw new CorruptBlockException(p, 0, "segment file shorter than its 8-byte header");
        }
        byte[] h = fs.read(0, SegmentFiles.HEADER_SIZE);
        int magic = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        if (magic != SegmentFiles.MAGIC) {
          throw new CorruptBlockException(p, 0, String.format("invalid magic number %08x", magic));
        }
        if (h[4] != SegmentFiles.VERSION) {
          throw new CorruptBlockException(p, 4, "unsupported segment format version " + (h[4] & 0xFF));
        }
      }
    } catch (IOException | RuntimeException e) {
      for (FileSource fs : list) {
        fs.close();
      }
      throw e;
    }
    return new ChunkReader(list);
  }

  /** Number of segment files. */
  public int segmentCount() {
    return segments.size();
  }

  /** Total size of all segment files in bytes. */
  public long totalSize() {
    long s = 0;
    for (FileSource f : segments) {
      s += f.size();
    }
    return s;
  }

  /**
   * Reads the chunk at {@code ref}.
   *
   * @throws CorruptBlockException for a reference outside the segments, a length beyond the file or a
   *     CRC mismatch
   */
  public Chunk read(long ref) {
    int seg = ChunkRef.segment(ref);
    long off = ChunkRef.offset(ref);
    if (seg < 0 || seg >= segments.size()) {
      throw new CorruptBlockException("chunks", off, "chunk reference " + Long.toHexString(ref)
          + " names segment " + seg + " of " + segments.size());
    }
    FileSource f = segments.get(seg);
    if (off < SegmentFiles.HEADER_SIZE || off >= f.size()) {
      throw new CorruptBlockException(f.path(), off, "chunk offset outside the segment (size " + f.size() + ")");
    }
    byte[] head = f.readUpTo(off, 11);
    long len = 0;
    int shift = 0;
    int i = 0;
    while (true) {
      if (i >= head.length || i >= 10) {
        throw new CorruptBlockException(f.path(), off, "invalid chunk length");
      }
      int c = head[i++] & 0xFF;
      len |= (long) (c & 0x7F) << shift;
      shift += 7;
      if (c < 0x80) {
        break;
      }
    }
    long dataStart = off + i;
    if (len < 0 || len > f.size() - dataStart - 1 - 4) {
      throw new CorruptBlockException(f.path(), off, "chunk length " + len + " runs past end of segment (size "
          + f.size() + ")");
    }
    byte[] body = f.read(dataStart, (int) len + 1 + 4);
    int n = (int) len + 1;
    int want = ((body[n] & 0xFF) << 24) | ((body[n + 1] & 0xFF) << 16) | ((body[n + 2] & 0xFF) << 8)
        | (body[n + 3] & 0xFF);
    int got = Crc32c.of(body, 0, n);
    if (want != got) {
      throw new CorruptBlockException(f.path(), off, String.format("checksum mismatch: expected %08x, actual %08x",
          want, got));
    }
    byte[] data = new byte[(int) len];
    System.arraycopy(body, 1, data, 0, (int) len);
    return new Chunk(body[0] & 0xFF, data);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (FileSource f : segments) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
