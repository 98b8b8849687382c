package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;
import io.thanosjvm.tsdb.encoding.FileSource;

/**
 * Sequential decoder of postings offset table entries ({@code 2, name, value, offset}) through a
 * refilled window of the mapped file; the window grows when one entry does not fit.
 */
final class PostingsTableCursor {
  private final FileSource file;
  private final long postingsTableEnd;
  private final long offsetLimit;
  long pos;
  long entryPos;
  String name;
  String value;
  long offset;
  private byte[] buf = new byte[1024];
  private long winStart;
  private int winLen;

  /**
   * A cursor from {@code pos} to {@code tableEnd}; postings offsets must lie below {@code offsetLimit} (the size of
   * the index they point into, which is not this file when reading an index-header).
   */
  PostingsTableCursor(FileSource file, long tableEnd, long pos, long offsetLimit) {
    this.file = file;
    this.postingsTableEnd = tableEnd;
    this.pos = pos;
    this.offsetLimit = offsetLimit;
  }

  boolean next() {
    if (pos >= postingsTableEnd) {
      return false;
    }
    if (pos < winStart || pos >= winStart + winLen) {
      fill();
    }
    while (true) {
      DecodeBuffer d = new DecodeBuffer(file.path().toString(), pos, buf, (int) (pos - winStart),
          (int) (winStart + winLen - pos));
      try {
        int keys = d.uvarintInt(2, "postings table key count");
        if (keys != 2) {
          throw file.corrupt(pos, "postings table entry has " + keys + " keys, expected 2");
        }
        String n = d.uvarintString();
        String v = d.uvarintString();
        long off = d.uvarint();
        if (off < 0 || off >= offsetLimit) {
          throw file.corrupt(pos, "postings offset " + off + " outside the file");
        }
        entryPos = pos;
        name = n;
        value = v;
        offset = off;
        pos = d.fileOffset();
        return true;
      } catch (CorruptBlockException e) {
        if (winStart + winLen >= postingsTableEnd) {
          throw e;
        }
        // The entry straddles the window end: refill from its start, growing the window if needed.
        if (pos == winStart) {
          if (buf.length >= 1 << 28) {
            throw e;
          }
          buf = new byte[buf.length * 2];
        }
        fill();
      }
    }
  }

  private void fill() {
    winStart = pos;
    winLen = (int) Math.min(buf.length, postingsTableEnd - pos);
    file.readFully(pos, buf, 0, winLen);
  }
}
