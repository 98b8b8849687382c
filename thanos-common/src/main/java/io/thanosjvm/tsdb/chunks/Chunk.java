package io.thanosjvm.tsdb.chunks;

import java.util.Objects;

/**
 * One chunk as stored in a segment: its encoding byte and data.
 *
 * @param encoding the encoding byte (see {@link io.thanosjvm.tsdb.chunkenc.ChunkEncoding})
 * @param data the encoded data, without length, encoding byte or CRC
 */
public record Chunk(int encoding, byte[] data) {

  /** Validates the fields. */
  public Chunk {
    Objects.requireNonNull(data, "data");
    if (encoding < 0 || encoding > 0xFF) {
      throw new IllegalArgumentException("encoding must be a byte: " + encoding);
    }
  }
}
