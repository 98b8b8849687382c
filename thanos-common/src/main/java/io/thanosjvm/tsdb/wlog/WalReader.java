package io.thanosjvm.tsdb.wlog;

import io.thanosjvm.compress.SnappyBlocks;
import io.thanosjvm.tsdb.encoding.Crc32c;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/**
 * Reads the records of a sequence of WAL segments in order, page by page, as Prometheus 2.42's {@code wlog.Reader}:
 * fragments are checked (type sequence, length, CRC32C), concatenated and snappy-decoded when flagged. A segment
 * that ends inside a page (a live or crashed segment) reads as if zero-padded; a record never spans segments.
 * Any violation, including a torn last record, throws {@link WalCorruptionException} naming the segment and the
 * offset of the bad record. {@link #record()} is a reused buffer valid until the next {@link #next()}.
 *
 * <pre>{@code
 * try (WalReader r = WalReader.replay(walDir)) {
 *   while (r.next()) {
 *     dispatcher.dispatch(r.record(), r.recordLength());
 *   }
 * }
 * }</pre>
 */
public final class WalReader implements AutoCloseable {

  private static final int PAGE = WalOptions.PAGE_SIZE;
  /** Snappy cannot expand more than this (a 3-byte copy of 64 bytes); a larger claimed length is corrupt. */

  /** One segment file to read: its directory and index. */
  private record Source(Path dir, int index, boolean checkpoint) {}

  private final List<Source> sources;
  private int sourcePos = -1;
  private Source current;
  private FileChannel channel;
  private final byte[] page = new byte[PAGE];
  private final ByteBuffer pageBuffer = ByteBuffer.wrap(page);
  private int pageLen;
  private int pagePos;
  private long pageStart;
  private boolean segmentEnd = true;

  private byte[] payload = new byte[PAGE];
  private int payloadLen;
  private byte[] rec = new byte[PAGE];
  private int recLen;
  private long recStart;
  private long recEnd;
  private int recSegment = -1;
  private Source recSource;

  private WalReader(List<Source> sources) {
    this.sources = sources;
  }

  /**
   * A reader over segments {@code first..last} (inclusive) of {@code dir}; every segment in the range must exist.
   */
  public static WalReader segments(Path dir, int first, int last) throws IOException {
    List<Source> s = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      Path p = Segments.path(dir, i);
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "WAL segment missing");
      }
      s.add(new Source(dir, i, false));
    }
    return new WalReader(s);
  }

  /** A reader over all segments of {@code dir} (a WAL directory or a checkpoint directory). */
  public static WalReader all(Path dir) throws IOException {
    boolean checkpoint = Checkpoint.isCheckpointDir(dir);
    List<Source> s = new ArrayList<>();
    for (int i : Segments.list(dir)) {
      s.add(new Source(dir, i, checkpoint));
    }
    return new WalReader(s);
  }

  /** A reader over all segments of a checkpoint directory. */
  public static WalReader checkpoint(Path checkpointDir) throws IOException {
    List<Source> s = new ArrayList<>();
    for (int i : Segments.list(checkpointDir)) {
      s.add(new Source(checkpointDir, i, true));
    }
    return new WalReader(s);
  }

  /**
   * The reader a replay uses: the newest checkpoint of {@code walDir} (if any), then the WAL segments after it
   * (those at or below the checkpoint's index are skipped).
   */
  public static WalReader replay(Path walDir) throws IOException {
    List<Source> s = new ArrayList<>();
    Optional<CheckpointRef> cp = Checkpoint.last(walDir);
    int from = 0;
    if (cp.isPresent()) {
      for (int i : Segments.list(cp.get().dir())) {
        s.add(new Source(cp.get().dir(), i, true));
      }
      from = cp.get().index() + 1;
    }
    for (int i : Segments.list(walDir)) {
      if (i >= from) {
        s.add(new Source(walDir, i, false));
      }
    }
    return new WalReader(s);
  }

  /**
   * Advances to the next record.
   *
   * @return false at the clean end of the last segment
   * @throws WalCorruptionException on bad or torn data
   */
  public boolean next() throws IOException {
    while (true) {
      if (segmentEnd) {
        if (!openNextSegment()) {
          return false;
        }
      }
      if (readRecord()) {
        return true;
      }
    }
  }

  private boolean openNextSegment() throws IOException {
    closeChannel();
    sourcePos++;
    if (sourcePos >= sources.size()) {
      current = null;
      return false;
    }
    current = sources.get(sourcePos);
    channel = FileChannel.open(Segments.path(current.dir(), current.index()), StandardOpenOption.READ);
    pageStart = -PAGE;
    pageLen = 0;
    pagePos = 0;
    segmentEnd = false;
    return true;
  }

  /** Loads the next page; false at the end of the segment. */
  private boolean loadPage() throws IOException {
    if (pageLen < PAGE && pageStart >= 0) {
      return false; // the previous page was short: end of this segment
    }
    pageStart += PAGE;
    pageBuffer.clear();
    int n = 0;
    while (pageBuffer.hasRemaining()) {
      int r = channel.read(pageBuffer);
      if (r < 0) {
        break;
      }
      n += r;
    }
    pageLen = n;
    pagePos = 0;
    return n > 0;
  }

  /** Reads one record from the current segment; false at its clean end (segmentEnd set). */
  private boolean readRecord() throws IOException {
    payloadLen = 0;
    int fragments = 0;
    boolean compressed = false;
    long start = -1;
    while (true) {
      if (pagePos >= pageLen) {
        if (!loadPage()) {
          segmentEnd = true;
          if (fragments > 0) {
            throw corruption(start, "last record is torn");
          }
          return false;
        }
      }
      long fragOffset = pageStart + pagePos;
      int typeByte = page[pagePos] & 0xFF;
      if (typeByte == Fragments.PAGE_TERM) {
        for (int i = pagePos + 1; i < pageLen; i++) {
          if (page[i] != 0) {
            throw corruption(fragments > 0 ? start : fragOffset, "unexpected non-zero byte in padded page");
          }
        }
        pagePos = pageLen;
        continue;
      }
      if (pageLen - pagePos < Fragments.HEADER_SIZE) {
        throw corruption(fragments > 0 ? start : fragOffset, "fragment header crosses the end of the page");
      }
      int type = typeByte & Fragments.TYPE_MASK;
      boolean flag = (typeByte & Fragments.SNAPPY_MASK) != 0;
      int length = ((page[pagePos + 1] & 0xFF) << 8) | (page[pagePos + 2] & 0xFF);
      int crc = ((page[pagePos + 3] & 0xFF) << 24) | ((page[pagePos + 4] & 0xFF) << 16)
          | ((page[pagePos + 5] & 0xFF) << 8) | (page[pagePos + 6] & 0xFF);
      if (fragments == 0) {
        start = fragOffset;
      }
      if (length > Fragments.MAX_PAYLOAD) {
        throw corruption(start, "invalid record size " + length);
      }
      int body = pagePos + Fragments.HEADER_SIZE;
      if (body + length > pageLen) {
        throw corruption(start, pageLen < PAGE ? "last record is torn: fragment of " + length
            + " bytes cut at the end of the segment" : "fragment of " + length + " bytes crosses the page");
      }
      int actual = Crc32c.of(page, body, length);
      if (actual != crc) {
        throw corruption(start, String.format("unexpected checksum %x, expected %x", actual, crc));
      }
      String sequence = sequenceError(type, fragments);
      if (sequence != null) {
        throw corruption(start, sequence);
      }
      if (fragments > 0 && flag != compressed) {
        throw corruption(start, "compression flag differs between fragments");
      }
      compressed = flag;
      if (payloadLen + length > payload.length) {
        payload = Arrays.copyOf(payload, Math.max(payloadLen + length, payload.length * 2));
      }
      System.arraycopy(page, body, payload, payloadLen, length);
      payloadLen += length;
      pagePos = body + length;
      fragments++;
      if (type == Fragments.FULL || type == Fragments.LAST) {
        finish(start, compressed);
        return true;
      }
    }
  }

  private static String sequenceError(int type, int i) {
    switch (type) {
      case Fragments.FULL:
        return i != 0 ? "unexpected full record" : null;
      case Fragments.FIRST:
        return i != 0 ? "unexpected first record, dropping buffer" : null;
      case Fragments.MIDDLE:
        return i == 0 ? "unexpected middle record, dropping buffer" : null;
      case Fragments.LAST:
        return i == 0 ? "unexpected last record, dropping buffer" : null;
      default:
        return "unexpected record type " + type;
    }
  }

  private void finish(long start, boolean compressed) throws WalCorruptionException {
    recStart = start;
    recEnd = pageStart + pagePos;
    recSegment = current.index();
    recSource = current;
    if (compressed && payloadLen > 0) {
      try {
        int n = Snappy.uncompressedLength(payload, 0, payloadLen);
        if (!SnappyBlocks.plausible(n, payloadLen)) {
          throw corruption(start, "snappy: invalid decoded length " + n + " for " + payloadLen + " bytes");
        }
        if (n > rec.length) {
          rec = new byte[Math.max(n, rec.length * 2)];
        }
        recLen = Snappy.uncompress(payload, 0, payloadLen, rec, 0);
      } catch (IOException | RuntimeException e) {
        throw corruption(start, "snappy: corrupt input: " + e.getMessage(), e);
      }
    } else {
      if (payloadLen > rec.length) {
        rec = new byte[Math.max(payloadLen, rec.length * 2)];
      }
      System.arraycopy(payload, 0, rec, 0, payloadLen);
      recLen = payloadLen;
    }
  }

  private WalCorruptionException corruption(long offset, String message) {
    return new WalCorruptionException(current.dir(), current.index(), Math.max(0, offset), message);
  }

  private WalCorruptionException corruption(long offset, String message, Throwable cause) {
    return new WalCorruptionException(current.dir(), current.index(), Math.max(0, offset), message, cause);
  }

  /** The current record's bytes (decompressed), valid up to {@link #recordLength()} until the next call. */
  public byte[] record() {
    return rec;
  }

  /** The current record's length. */
  public int recordLength() {
    return recLen;
  }

  /** A copy of the current record. */
  public byte[] recordCopy() {
    return Arrays.copyOf(rec, recLen);
  }

  /** The index of the segment holding the current record. */
  public int segment() {
    return recSegment;
  }

  /** The directory of the segment holding the current record (the WAL or a checkpoint directory). */
  public Path segmentDir() {
    return recSource == null ? null : recSource.dir();
  }

  /** Whether the current record comes from a checkpoint. */
  public boolean inCheckpoint() {
    return recSource != null && recSource.checkpoint();
  }

  /** The offset in its segment of the current record's first fragment. */
  public long recordStart() {
    return recStart;
  }

  /** The offset in its segment just past the current record's last fragment. */
  public long offset() {
    return recEnd;
  }

  /**
   * A corruption error for the current record, e.g. when it does not decode; {@link Wal#repair} then drops it
   * and everything after it.
   */
  public WalCorruptionException corruptionOfCurrentRecord(String message, Throwable cause) {
    if (recSource == null) {
      throw new IllegalStateException("no current record");
    }
    return new WalCorruptionException(recSource.dir(), recSegment, recStart, message, cause);
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
