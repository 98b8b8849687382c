package io.thanosjvm.receive;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.thanosjvm.server.HostPort;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.server.tls.TlsServerManagers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The second listener, {@code --remote-write.address} (19291): {@code POST /api/v1/receive}. The body is collected
 * on the event loop up to a cap (413 beyond it), then handed to a bounded pool of write threads (503 when its
 * queue is full), so appends and waiting for peers never block a Netty event loop. Records {@code
 * http_requests_total{handler="receive"}}.
 */
public final class RemoteWriteServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteServer.class);

  private final ReceiveHandler handler;
  private final HttpRequestMetrics metrics;
  private final long maxBodyBytes;
  private final ThreadPoolExecutor writers;
  private final DisposableServer server;

  /** A plain-HTTP listener. */
  public RemoteWriteServer(HostPort address, ReceiveHandler handler, HttpRequestMetrics metrics, long maxBodyBytes,
      int threads, int queue) {
    this(address, handler, metrics, maxBodyBytes, threads, queue, null);
  }

  /**
   * A listener with TLS when {@code tls} is given ({@code --remote-write.server-tls-*}; TLS 1.2 and 1.3, client
   * certificates required when it has a client CA), plain HTTP when null.
   */
  public RemoteWriteServer(HostPort address, ReceiveHandler handler, HttpRequestMetrics metrics, long maxBodyBytes,
      int threads, int queue, TlsServerManagers tls) {
    this.handler = handler;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    AtomicInteger n = new AtomicInteger();
    this.writers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, "receive-write-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    HttpServer http = HttpServer.create().host(address.host()).port(address.port())
        .route(routes -> routes.post("/api/v1/receive", this::receive));
    if (tls != null) {
      SslContext ssl = sslContext(tls);
      http = http.secure(spec -> spec.sslContext(ssl));
    }
    this.server = http.bindNow();
    LOG.atInfo().addKeyValue("component", "receive").addKeyValue("address", server.host() + ":" + server.port())
        .addKeyValue("tls", tls == null ? "off" : tls.mutual() ? "mutual" : "on")
        .log("listening for remote write");
  }

  private static SslContext sslContext(TlsServerManagers tls) {
    try {
      SslContextBuilder b = SslContextBuilder.forServer(tls.keys()).protocols("TLSv1.3", "TLSv1.2");
      if (tls.mutual()) {
        b.trustManager(tls.clientCa()).clientAuth(ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("remote-write TLS: " + e.getMessage(), e);
    }
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  private Publisher<Void> receive(HttpServerRequest req, HttpServerResponse res) {
    long start = System.nanoTime();
    String length = req.requestHeaders().get("Content-Length");
    if (length != null && parse(length) > maxBodyBytes) {
      return answer(res, start, 413, "write request too large: " + length + " bytes, the limit is " + maxBodyBytes);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    return req.receive().handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
      if (body.size() + buf.readableBytes() > maxBodyBytes) {
        sink.error(new IllegalStateException("too large"));
        return;
      }
      byte[] chunk = new byte[buf.readableBytes()];
      buf.readBytes(chunk);
      body.writeBytes(chunk);
    }).then(Mono.defer(() -> {
      CompletableFuture<ReceiveHandler.Response> f;
      try {
        f = CompletableFuture.supplyAsync(() -> handler.handle(name -> req.requestHeaders().get(name),
            body.toByteArray()), writers);
      } catch (RejectedExecutionException e) {
        return Mono.just(new ReceiveHandler.Response(503, "too many concurrent write requests, retry later"));
      }
      return Mono.fromFuture(f);
    })).onErrorResume(IllegalStateException.class, e -> Mono.just(new ReceiveHandler.Response(413,
        "write request too large: the limit is " + maxBodyBytes + " bytes")))
        .flatMap(r -> {
          r.headers().forEach(res::header);
          return Mono.from(answer(res, start, r.status(), r.body()));
        });
  }

  private Publisher<Void> answer(HttpServerResponse res, long start, int status, String body) {
    metrics.record("receive", "post", status, System.nanoTime() - start);
    res.status(HttpResponseStatus.valueOf(status));
    if (body.isEmpty()) {
      return res.send();
    }
    res.header("Content-Type", "text/plain; charset=utf-8");
    return res.sendString(Mono.just(body + "\n"), StandardCharsets.UTF_8);
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.disposeNow();
    writers.shutdown();
    writers.awaitTermination(30, TimeUnit.SECONDS);
  }
}
