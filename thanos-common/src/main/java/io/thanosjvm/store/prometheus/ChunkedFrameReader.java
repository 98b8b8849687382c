package io.thanosjvm.store.prometheus;

import io.thanosjvm.wire.prompb.ChunkedReadResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads Prometheus' streamed remote-read body: frames of {@code uvarint length}, {@code CRC32C} (big-endian)
 * of the message, then a serialized {@link ChunkedReadResponse}. Lengths are bounded and CRCs checked, so a
 * corrupt or hostile stream is an error, never a huge allocation.
 */
public final class ChunkedFrameReader {

  /** Default bound on one frame; Prometheus targets 1 MiB frames. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;

  private final InputStream in;
  private final int maxFrameBytes;
  private long offset;

  /** A reader over {@code in} accepting frames up to {@code maxFrameBytes}. */
  public ChunkedFrameReader(InputStream in, int maxFrameBytes) {
    this.in = in;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** The next frame, or null at a clean end of stream. */
  public ChunkedReadResponse next() throws IOException {
    long frameStart = offset;
    long length = readUvarint();
    if (length < 0) {
      return null;
    }
    if (length > maxFrameBytes) {
      throw new IOException("remote read frame at offset " + frameStart + " is " + length
          + " bytes, over the limit of " + maxFrameBytes);
    }
    byte[] crc = readFully(4);
    byte[] message = readFully((int) length);
    CRC32C c = new CRC32C();
    c.update(message);
    long expected = ((crc[0] & 0xffL) << 24) | ((crc[1] & 0xffL) << 16) | ((crc[2] & 0xffL) << 8) | (crc[3] & 0xffL);
    if (c.getValue() != expected) {
      throw new IOException("remote read frame at offset " + frameStart + ": CRC32C mismatch");
    }
    return ChunkedReadResponse.parseFrom(message);
  }

  /** Reads an unsigned varint; -1 at end of stream before its first byte. */
  private long readUvarint() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        if (shift == 0) {
          return -1;
        }
        throw new EOFException("remote read stream ends inside a frame length at offset " + offset);
      }
      offset++;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("remote read frame length overflows at offset " + offset);
  }

  private byte[] readFully(int n) throws IOException {
    byte[] buf = in.readNBytes(n);
    if (buf.length != n) {
      throw new EOFException("remote read stream truncated at offset " + (offset + buf.length));
    }
    offset += n;
    return buf;
  }
}
