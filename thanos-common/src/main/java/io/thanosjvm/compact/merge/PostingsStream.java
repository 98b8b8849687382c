package io.thanosjvm.compact.merge;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.FileSource;
import io.thanosjvm.tsdb.index.IndexReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Streams the all-series postings list of an index file in fixed windows, so iterating a block's series needs
 * memory independent of its number of series. The list's CRC32C is checked when the end is reached.
 */
final class PostingsStream implements Closeable {

  private static final int WINDOW = 4096;

  private final FileSource file;
  private final long listOffset;
  private final int count;
  private final CRC32C crc = new CRC32C();
  private final byte[] buf = new byte[WINDOW * 4];
  private int bufLen;
  private int bufPos;
  private long nextRead;
  private int returned;

  private PostingsStream(FileSource file, long listOffset, int count) {
    this.file = file;
    this.listOffset = listOffset;
    this.count = count;
    this.nextRead = listOffset + 4;
  }

  /** Opens the all-series postings list of the index read by {@code index}. */
  static PostingsStream open(IndexReader index) throws IOException {
    long[] offset = {-1};
    index.forEachEntry("", null, (value, off) -> {
      if (value.isEmpty()) {
        offset[0] = off;
      }
      return false;
    });
    if (offset[0] < 0) {
      throw new CorruptBlockException(index.path(), 0, "index has no all-series postings list");
    }
    int count = index.postingsCount(offset[0]);
    FileSource f = FileSource.open(index.path());
    return new PostingsStream(f, offset[0], count);
  }

  /** Number of series references in the list. */
  int count() {
    return count;
  }

  /** Whether more references follow. */
  boolean hasNext() {
    return returned < count;
  }

  /** The next series reference (unsigned). */
  long next() {
    if (bufPos == bufLen) {
      fill();
    }
    int p = bufPos;
    bufPos += 4;
    returned++;
    long v = ((buf[p] & 0xFFL) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
    if (returned == count) {
      verifyCrc();
    }
    return v;
  }

  private void fill() {
    if (returned == 0) {
      byte[] head = file.read(listOffset + 4, 4);
      crc.update(head, 0, 4);
      nextRead = listOffset + 8;
    }
    int n = Math.min(WINDOW, count - returned) * 4;
    file.readFully(nextRead, buf, 0, n);
    crc.update(buf, 0, n);
    nextRead += n;
    bufLen = n;
    bufPos = 0;
  }

  private void verifyCrc() {
    if (count == 0) {
      return;
    }
    byte[] b = file.read(nextRead, 4);
    int want = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (want != (int) crc.getValue()) {
      throw file.corrupt(listOffset, "all-series postings list checksum mismatch");
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
