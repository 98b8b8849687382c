package io.thanosjvm.shipper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server that slows what clients send to about
 * {@code bytesPerSecond} per connection (answers pass at full speed), so an upload is still in progress
 * when a test kills the uploading process. Test code only.
 */
final class ThrottlingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicLong sent = new AtomicLong();
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "throttling-proxy");
    t.setDaemon(true);
    return t;
  });

  ThrottlingProxy(int upstreamPort, int bytesPerSecond) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    workers.execute(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          workers.execute(() -> pump(client, upstream, bytesPerSecond));
          workers.execute(() -> pump(upstream, client, Integer.MAX_VALUE));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** Bytes clients have sent through the proxy so far. */
  long sent() {
    return sent.get();
  }

  int port() {
    return server.getLocalPort();
  }

  private void pump(Socket from, Socket to, int bytesPerSecond) {
    byte[] buf = new byte[bytesPerSecond == Integer.MAX_VALUE ? 64 * 1024 : Math.max(1, bytesPerSecond / 20)];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        out.write(buf, 0, n);
        out.flush();
        if (bytesPerSecond != Integer.MAX_VALUE) {
          sent.addAndGet(n);
          Thread.sleep(50L * n / buf.length + 1);
        }
      }
    } catch (IOException | InterruptedException e) {
      // connection closed by either side (or the test killed the client)
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    workers.shutdownNow();
  }
}
