package io.thanosjvm.queryfrontend.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault injector, not a stand-in: a small HTTP pass-through in front of a real Prometheus that forwards every
 * request unchanged (method, path, query string, body, headers), records what it forwarded, and can be told to
 * fail the next N requests with a given status (e.g. 503) or by dropping the connection without an answer.
 */
public final class FaultInjectingProxy implements AutoCloseable {

  /** One forwarded request. */
  public record Seen(String method, String path, String query, Map<String, List<String>> headers) {}

  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final URI target;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile int failStatus = 503;
  private final Map<String, String> extraHeaders = new java.util.concurrent.ConcurrentHashMap<>();

  /** Starts on a free loopback port in front of {@code target}. */
  public FaultInjectingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The proxy's base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Fails the next {@code n} requests with {@code status}; status 0 drops the connection instead. */
  public void failNext(int n, int status) {
    failStatus = status;
    failuresLeft.set(n);
  }

  /** Adds {@code name: value} to every forwarded answer (e.g. {@code Cache-Control: no-store}); null removes it. */
  public void addResponseHeader(String name, String value) {
    if (value == null) {
      extraHeaders.remove(name);
    } else {
      extraHeaders.put(name, value);
    }
  }

  /** Requests forwarded to Prometheus (failed ones are not included). */
  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** Forwarded requests to {@code path}. */
  public List<Seen> seen(String path) {
    return seen().stream().filter(s -> s.path().equals(path)).toList();
  }

  /** Every request received, failed or forwarded. */
  public int attempts() {
    return attempts.get();
  }

  /** Forgets what was seen. */
  public void reset() {
    seen.clear();
    attempts.set(0);
    failuresLeft.set(0);
    extraHeaders.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    attempts.incrementAndGet();
    try (ex) {
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        if (failStatus == 0) {
          return; // closing the exchange before any header drops the connection without an answer
        }
        byte[] body = ("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"injected fault\"}").getBytes();
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(failStatus, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      URI uri = ex.getRequestURI();
      seen.add(new Seen(ex.getRequestMethod(), uri.getPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
          Map.copyOf(ex.getRequestHeaders())));
      byte[] in;
      try (InputStream body = ex.getRequestBody()) {
        in = body.readAllBytes();
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
      ex.getRequestHeaders().forEach((k, vs) -> {
        if (!RESTRICTED.contains(k.toLowerCase())) {
          vs.forEach(v -> b.header(k, v));
        }
      });
      b.method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(in));
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().map().forEach((k, vs) -> {
        if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")
            && !k.startsWith(":")) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, v));
        }
      });
      extraHeaders.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
