package io.thanosjvm.cacheutil;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A TCP connection to a cache server speaking a CRLF-line protocol (memcached text): buffered streams,
 * bounded line reads and length-prefixed payload reads that only allocate as bytes actually arrive.
 */
class LineSocket implements AutoCloseable {

  private static final int MAX_LINE = 8192;

  private final String server;
  private final Socket socket;
  final InputStream in;
  final OutputStream out;

  LineSocket(String server, InetSocketAddress address, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    this.server = server;
    this.socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(millis(readTimeout));
      socket.connect(address, millis(connectTimeout));
      this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static int millis(Duration d) {
    long ms = d.toMillis();
    return ms <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
  }

  /** Returns the server this connection talks to, for messages. */
  String server() {
    return server;
  }

  /** Reads one line without its CRLF (ASCII), failing on lines longer than 8 KiB. */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(server + ": connection closed by the server");
      }
      if (b == '\r') {
        int lf = in.read();
        if (lf != '\n') {
          throw new CacheServerException(server + ": malformed reply, CR not followed by LF");
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new CacheServerException(server + ": reply line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  /** Reads exactly {@code length} payload bytes followed by CRLF. */
  byte[] readPayload(int length) throws IOException {
    byte[] data = in.readNBytes(length);
    if (data.length != length) {
      throw new EOFException(server + ": connection closed after " + data.length + " of " + length + " bytes");
    }
    if (in.read() != '\r' || in.read() != '\n') {
      throw new CacheServerException(server + ": payload of " + length + " bytes not followed by CRLF");
    }
    return data;
  }

  void writeAscii(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }

  void writeUtf8(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
