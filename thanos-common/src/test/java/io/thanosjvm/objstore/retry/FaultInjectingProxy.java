package io.thanosjvm.objstore.retry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 that forwards requests to an upstream server and, chosen by a seeded
 * random generator, injects faults: 503 SlowDown and 500 InternalError answers, stalls longer than the
 * client's timeout, and responses cut off in the middle of their body. Test code only.
 */
public final class FaultInjectingProxy implements AutoCloseable {

  /** What happens to one request. */
  public enum Fault { NONE, SLOW_DOWN_503, INTERNAL_ERROR_500, STALL, CUT_BODY }

  private final ServerSocket server;
  private final int upstreamPort;
  private final Random random;
  private final double errorRate;
  private final double stallRate;
  private final double cutRate;
  private final Duration stall;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger[] counts = new AtomicInteger[Fault.values().length];
  private volatile boolean enabled = true;
  private volatile java.util.function.Predicate<String> eligible = requestLine -> true;

  public FaultInjectingProxy(int upstreamPort, long seed, double errorRate, double stallRate, double cutRate,
      Duration stall) throws IOException {
    this.upstreamPort = upstreamPort;
    this.random = new Random(seed);
    this.errorRate = errorRate;
    this.stallRate = stallRate;
    this.cutRate = cutRate;
    this.stall = stall;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new AtomicInteger();
    }
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    workers.submit(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Returns how many requests got {@code fault}. */
  public int count(Fault fault) {
    return counts[fault.ordinal()].get();
  }

  /** Restricts faults to requests whose request line matches (e.g. only multipart part uploads). */
  void onlyFor(java.util.function.Predicate<String> requestLine) {
    eligible = requestLine;
  }

  /** Turns fault injection on or off (off: a plain proxy). */
  public void enabled(boolean on) {
    enabled = on;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        workers.submit(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private synchronized Fault nextFault(String method, String requestLine) {
    if (!enabled || !eligible.test(requestLine)) {
      return Fault.NONE;
    }
    double r = random.nextDouble();
    if (r < errorRate * 2 / 3) {
      return Fault.SLOW_DOWN_503;
    }
    if (r < errorRate) {
      return Fault.INTERNAL_ERROR_500;
    }
    if (r < errorRate + stallRate) {
      return Fault.STALL;
    }
    if (r < errorRate + stallRate + cutRate && method.equals("GET")) {
      return Fault.CUT_BODY;
    }
    return Fault.NONE;
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head == null) {
          return;
        }
        String method = head.get(0).split(" ", 2)[0];
        if (headerValue(head, "expect").equalsIgnoreCase("100-continue")) {
          // Answer the interim response ourselves; upstream then gets the request without Expect.
          head.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("expect:"));
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        Fault fault = nextFault(method, head.get(0));
        counts[fault.ordinal()].incrementAndGet();
        if (fault == Fault.STALL) {
          Thread.sleep(stall.toMillis());
          return;
        }
        if (fault == Fault.SLOW_DOWN_503 || fault == Fault.INTERNAL_ERROR_500) {
          copyBody(head, in, OutputStream.nullOutputStream(), Long.MAX_VALUE, false);
          answerError(out, fault);
          return;
        }
        if (!forward(head, in, out, method, fault == Fault.CUT_BODY)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client or upstream went away; nothing to report.
    }
  }

  /** Forwards one exchange; returns false when the client connection must be closed. */
  private boolean forward(List<String> head, InputStream in, OutputStream out, String method, boolean cut)
      throws IOException {
    try (Socket upstream = new Socket()) {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
      upstream.setSoTimeout(60_000);
      OutputStream up = upstream.getOutputStream();
      up.write(String.join("\r\n", head).concat("\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      copyBody(head, in, up, Long.MAX_VALUE, false);
      up.flush();
      InputStream upIn = new BufferedInputStream(upstream.getInputStream());
      List<String> response = readHead(upIn);
      while (response != null && response.get(0).matches("HTTP/1\\.\\d 1\\d\\d .*")) {
        response = readHead(upIn);
      }
      if (response == null) {
        return false;
      }
      out.write(String.join("\r\n", response).concat("\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      boolean bodyless = method.equals("HEAD") || response.get(0).matches("HTTP/1\\.\\d (1\\d\\d|204|304) .*");
      if (!bodyless) {
        long length = contentLength(response);
        long limit = cut && length > 1 ? length / 2 : Long.MAX_VALUE;
        boolean complete = copyBody(response, upIn, out, limit, true);
        out.flush();
        if (!complete) {
          return false;
        }
      }
      out.flush();
      return !headerValue(response, "connection").equalsIgnoreCase("close");
    }
  }

  private static void answerError(OutputStream out, Fault fault) throws IOException {
    boolean slowDown = fault == Fault.SLOW_DOWN_503;
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
        + (slowDown ? "SlowDown" : "InternalError") + "</Code><Message>injected fault</Message></Error>";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String status = slowDown ? "503 Slow Down" : "500 Internal Server Error";
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  /** Reads a request/response head; null at a clean end of stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = readLine(in);
      if (line == null) {
        return lines.isEmpty() ? null : lines;
      }
      if (line.isEmpty()) {
        return lines.isEmpty() ? null : lines;
      }
      lines.add(line);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String headerValue(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static long contentLength(List<String> head) {
    String value = headerValue(head, "content-length");
    return value.isEmpty() ? -1 : Long.parseLong(value);
  }

  /**
   * Copies the message body (Content-Length or chunked) up to {@code limit} bytes; returns whether the
   * whole body was copied. Without length or chunking a response body runs to the end of the stream.
   */
  private static boolean copyBody(List<String> head, InputStream in, OutputStream out, long limit,
      boolean isResponse) throws IOException {
    if (headerValue(head, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
      return copyChunked(in, out, limit);
    }
    long length = contentLength(head);
    if (length < 0) {
      if (!isResponse) {
        return true;
      }
      length = Long.MAX_VALUE;
    }
    long toCopy = Math.min(length, limit);
    byte[] buffer = new byte[16 * 1024];
    long copied = 0;
    while (copied < toCopy) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, toCopy - copied));
      if (n < 0) {
        return length == Long.MAX_VALUE;
      }
      out.write(buffer, 0, n);
      copied += n;
    }
    return copied == length;
  }

  private static boolean copyChunked(InputStream in, OutputStream out, long limit) throws IOException {
    long copied = 0;
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        return false;
      }
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      long size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        String trailer;
        while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return true;
      }
      byte[] data = in.readNBytes((int) size);
      long allowed = Math.max(0, Math.min(data.length, limit - copied));
      out.write(data, 0, (int) allowed);
      copied += allowed;
      if (allowed < data.length || data.length < size) {
        return false;
      }
      readLine(in);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
