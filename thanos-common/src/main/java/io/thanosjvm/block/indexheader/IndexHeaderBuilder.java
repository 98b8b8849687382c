package io.thanosjvm.block.indexheader;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.index.IndexFormat;
import io.thanosjvm.tsdb.index.Toc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Builds a block's index-header from byte-range reads of its remote {@code index}: the header and TOC, then the
 * symbol table and postings offset table streamed through in parts of {@link #PART_SIZE} bytes (never a whole
 * section in heap). The file appears atomically (written to a temporary name, then renamed).
 */
public final class IndexHeaderBuilder {

  /** Range reads are issued in parts of this size. */
  public static final int PART_SIZE = 8 << 20;

  private IndexHeaderBuilder() {}

  /**
   * Builds the index-header of block {@code blockId} into {@code out}.
   *
   * @return the number of bytes of the remote index read
   * @throws CorruptBlockException when the remote index's header, TOC or section lengths are invalid
   * @throws IOException when the bucket or the local disk fails
   */
  public static long build(Bucket bucket, String blockId, Path out) throws IOException {
    String name = blockId + "/index";
    long size = bucket.attributes(name).size();
    if (size < IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE) {
      throw new CorruptBlockException(name, 0, "index too small (" + size + " bytes)");
    }
    byte[] head = readRange(bucket, name, 0, IndexFormat.HEADER_SIZE);
    int magic = ByteBuffer.wrap(head).getInt();
    if (magic != IndexFormat.MAGIC) {
      throw new CorruptBlockException(name, 0, String.format("invalid magic number %08x", magic));
    }
    if (head[4] != IndexFormat.VERSION_2) {
      throw new CorruptBlockException(name, 4, "unsupported index version " + head[4] + " (only 2 is supported)");
    }
    long tocPos = size - IndexFormat.TOC_SIZE;
    Toc toc = Toc.decode(name, tocPos, readRange(bucket, name, tocPos, IndexFormat.TOC_SIZE));
    long symLen = sectionSize(bucket, name, toc.symbols(), tocPos, "symbol table");
    long potLen = sectionSize(bucket, name, toc.postingsTable(), tocPos, "postings offset table");

    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = Files.newOutputStream(tmp)) {
      ByteBuffer h = ByteBuffer.allocate(IndexHeaderFormat.HEADER_SIZE);
      h.putInt(IndexHeaderFormat.MAGIC).put((byte) IndexHeaderFormat.VERSION_1).put((byte) IndexFormat.VERSION_2)
          .putLong(toc.postingsTable());
      o.write(h.array());
      copy(bucket, name, toc.symbols(), symLen, o);
      copy(bucket, name, toc.postingsTable(), potLen, o);
      ByteBuffer t = ByteBuffer.allocate(IndexHeaderFormat.TOC_SIZE);
      t.putLong(IndexHeaderFormat.HEADER_SIZE).putLong(IndexHeaderFormat.HEADER_SIZE + symLen);
      t.putInt(Crc32c.of(t.array(), 0, 16));
      o.write(t.array());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE + 4 + 4 + symLen + potLen;
  }

  /** Whole encoded size (length field, body, CRC) of the section at {@code off}, checked to end before the TOC. */
  private static long sectionSize(Bucket bucket, String name, long off, long tocPos, String what) throws IOException {
    if (off == 0) {
      throw new CorruptBlockException(name, off, what + " missing from TOC");
    }
    long len = ByteBuffer.wrap(readRange(bucket, name, off, 4)).getInt() & 0xFFFFFFFFL;
    if (len + 8 > tocPos - off) {
      throw new CorruptBlockException(name, off, what + " length " + len + " runs past the end of the file");
    }
    return len + 8;
  }

  private static void copy(Bucket bucket, String name, long off, long len, OutputStream o) throws IOException {
    byte[] buf = new byte[(int) Math.min(len, 64 << 10)];
    for (long p = off; p < off + len; p += PART_SIZE) {
      long part = Math.min(PART_SIZE, off + len - p);
      try (InputStream in = bucket.getRange(name, p, part)) {
        long left = part;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            throw new CorruptBlockException(name, p + part - left, "index ends early (range read cut short)");
          }
          o.write(buf, 0, n);
          left -= n;
        }
      }
    }
  }

  /** Reads exactly {@code len} bytes at {@code off} of an object. */
  static byte[] readRange(Bucket bucket, String name, long off, int len) throws IOException {
    try (InputStream in = bucket.getRange(name, off, len)) {
      byte[] b = in.readNBytes(len);
      if (b.length != len) {
        throw new CorruptBlockException(name, off, "object ends early: wanted " + len + " bytes, got " + b.length);
      }
      return b;
    }
  }
}
