package io.thanosjvm.tsdb.index;

import io.thanosjvm.tsdb.encoding.Varints;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** A position-tracking, buffered file output with a running CRC32C for the current section. */
final class IndexOutput implements Closeable {

  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] tmp = new byte[16];
  private long pos;

  IndexOutput(Path file) throws IOException {
    out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  long position() {
    return pos;
  }

  void resetCrc() {
    crc.reset();
  }

  void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    pos += len;
  }

  void writeByte(int v) throws IOException {
    out.write(v);
    crc.update(v);
    pos++;
  }

  void be32(long v) throws IOException {
    tmp[0] = (byte) (v >>> 24);
    tmp[1] = (byte) (v >>> 16);
    tmp[2] = (byte) (v >>> 8);
    tmp[3] = (byte) v;
    write(tmp, 0, 4);
  }

  void be64(long v) throws IOException {
    be32(v >>> 32);
    be32(v);
  }

  void uvarint(long v) throws IOException {
    write(tmp, 0, Varints.putUvarint(tmp, 0, v));
  }

  void varint(long v) throws IOException {
    write(tmp, 0, Varints.putVarint(tmp, 0, v));
  }

  void uvarintString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    uvarint(b.length);
    write(b, 0, b.length);
  }

  /** Writes the CRC of everything since the last {@link #resetCrc()}. */
  void writeCrc() throws IOException {
    be32(crc.getValue());
  }

  void pad(int alignment) throws IOException {
    while (pos % alignment != 0) {
      writeByte(0);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
