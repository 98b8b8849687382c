package io.thanosjvm.store.bucket;

import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkRef;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import java.io.IOException;
import java.util.Arrays;

/**
 * Fetches chunks of a block by reference with merged range reads of its segment files (chunks sorted by segment
 * and offset, each read sized by the block's estimated chunk size, neighbours merged), refetching exactly any
 * chunk larger than the estimate. Every chunk's CRC32C is verified.
 */
final class BlockChunks {

  private BlockChunks() {}

  /** The chunks of {@code refs}, in the same order. */
  static Chunk[] read(BucketBlock block, long[] refs, RequestBudget budget) throws IOException {
    int n = refs.length;
    Chunk[] out = new Chunk[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(refs[a], refs[b]));
    int est = block.estimatedChunkSize();
    int i = 0;
    while (i < n) {
      int seq = ChunkRef.segment(refs[order[i]]) + 1;
      int j = i;
      while (j < n && ChunkRef.segment(refs[order[j]]) + 1 == seq) {
        j++;
      }
      readSegment(block, seq, refs, order, i, j, est, out, budget);
      i = j;
    }
    return out;
  }

  private static void readSegment(BucketBlock block, int seq, long[] refs, Integer[] order, int from, int to,
      int est, Chunk[] out, RequestBudget budget) throws IOException {
    String name = block.object("chunks/" + String.format("%06d", seq));
    long segSize = block.segmentSize(seq);
    if (segSize < 0) {
      throw new CorruptBlockException(name, 0, "chunk reference names a segment the block does not have");
    }
    int n = to - from;
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int k = 0; k < n; k++) {
      starts[k] = ChunkRef.offset(refs[order[from + k]]);
      if (starts[k] >= segSize) {
        throw new CorruptBlockException(name, starts[k], "chunk offset beyond the segment (size " + segSize + ")");
      }
      ends[k] = Math.min(starts[k] + est, segSize);
    }
    for (ByteRanges.Part part : ByteRanges.partition(starts, ends, n, ByteRanges.DEFAULT_MAX_GAP)) {
      budget.reserveBytes(RequestBudget.Kind.CHUNKS, part.length());
      byte[] buf = BlockPostings.read(block, name, part);
      for (int k = part.first(); k < part.last(); k++) {
        int off = (int) (starts[k] - part.start());
        Chunk c = decode(name, starts[k], buf, off, buf.length - off);
        if (c == null) {
          long exact = encodedSize(buf, off, buf.length - off);
          if (exact < 0 || exact > segSize - starts[k]) {
            throw new CorruptBlockException(name, starts[k], "chunk length runs past the end of the segment");
          }
          ByteRanges.Part one = new ByteRanges.Part(starts[k], starts[k] + exact, 0, 1);
          budget.reserveBytes(RequestBudget.Kind.CHUNKS, one.length());
          byte[] b = BlockPostings.read(block, name, one);
          c = decode(name, starts[k], b, 0, b.length);
          if (c == null) {
            throw new CorruptBlockException(name, starts[k], "chunk truncated");
          }
        }
        out[order[from + k]] = c;
      }
    }
  }

  /** Total encoded size (length, encoding, data, CRC) of the chunk at {@code b[off]}, or -1 if unknown yet. */
  private static long encodedSize(byte[] b, int off, int avail) {
    long len = 0;
    int shift = 0;
    for (int i = 0; i < Math.min(avail, 10); i++) {
      int c = b[off + i] & 0xFF;
      len |= (long) (c & 0x7F) << shift;
      if (c < 0x80) {
        return i + 1 + 1 + len + 4;
      }
      shift += 7;
    }
    return -1;
  }

  /** Decodes the chunk at {@code b[off]}, or null when it extends past {@code avail}. */
  private static Chunk decode(String name, long fileOff, byte[] b, int off, int avail) {
    long size = encodedSize(b, off, avail);
    if (size < 0 || size > avail) {
      return null;
    }
    int head = 0;
    while ((b[off + head] & 0x80) != 0) {
      head++;
    }
    head++;
    int len = (int) (size - head - 1 - 4);
    int body = off + head; // encoding byte, then data
    int crcAt = body + 1 + len;
    int want = ((b[crcAt] & 0xFF) << 24) | ((b[crcAt + 1] & 0xFF) << 16) | ((b[crcAt + 2] & 0xFF) << 8)
        | (b[crcAt + 3] & 0xFF);
    int got = Crc32c.of(b, body, len + 1);
    if (want != got) {
      throw new CorruptBlockException(name, fileOff, String.format("chunk checksum mismatch: expected %08x, actual %08x",
          want, got));
    }
    return new Chunk(b[body] & 0xFF, Arrays.copyOfRange(b, body + 1, body + 1 + len));
  }
}
