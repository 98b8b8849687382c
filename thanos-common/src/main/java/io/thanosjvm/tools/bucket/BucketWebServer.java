package io.thanosjvm.tools.bucket;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.BlocksApi;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tools.logfmt.ToolLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The compactor's block viewer served standalone for one bucket ({@code tools bucket web}): {@code /blocks} (the
 * timeline page), {@code /api/v1/blocks} (Thanos' answer: every block's meta.json, the label and when the listing
 * was refreshed), {@code /} redirecting to {@code /blocks}, and the probes {@code /-/healthy} and {@code /-/ready}.
 * The listing (every block with a meta.json, no filter, as Thanos' bucket web) is fetched at start and again every
 * {@code refresh}; a failed refresh keeps the previous listing and is logged. Runs on the JDK's HTTP server, one
 * thread: the tool serves a handful of operators.
 */
public final class BucketWebServer implements AutoCloseable {

  private static final String PAGE = "io/thanosjvm/ui/blocks.html";

  private record Snapshot(List<BlockMeta> blocks, Instant refreshedAt) {}

  private final Bucket bucket;
  private final String label;
  private final Clock clock;
  private final ToolLog log;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bucket-web-refresh");
    t.setDaemon(true);
    return t;
  });
  private HttpServer server;

  /** A server for {@code bucket} showing {@code label}. */
  public BucketWebServer(Bucket bucket, String label, Clock clock, ToolLog log) {
    this.bucket = bucket;
    this.label = label;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Fetches the listing, starts serving on {@code address} and refreshing every {@code refresh}.
   *
   * @return the bound address (port 0 picks a free port)
   * @throws IOException when the first listing or the bind fails
   */
  public InetSocketAddress start(InetSocketAddress address, Duration refresh) throws IOException {
    refresh();
    server = HttpServer.create(address, 64);
    server.createContext("/", this::handle);
    server.start();
    refresher.scheduleWithFixedDelay(() -> {
      try {
        refresh();
      } catch (IOException | RuntimeException e) {
        log.warn("refreshing the block listing failed; keeping the previous one", "err", e.getMessage());
      }
    }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    return server.getAddress();
  }

  /** Lists the bucket now. */
  public void refresh() throws IOException {
    List<BlockMeta> metas = List.copyOf(new MetaFetcher(bucket, 32, List.of(),
        new FetcherMetrics(new SimpleMeterRegistry())).fetch().metas().values());
    snapshot.set(new Snapshot(metas, clock.instant()));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("GET")) {
        send(ex, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      switch (path) {
        case "/" -> {
          ex.getResponseHeaders().set("Location", "/blocks");
          ex.sendResponseHeaders(307, -1);
        }
        case "/blocks" -> {
          try (InputStream in = BucketWebServer.class.getClassLoader().getResourceAsStream(PAGE)) {
            send(ex, 200, "text/html; charset=utf-8", in.readAllBytes());
          }
        }
        case "/api/v1/blocks" -> {
          Snapshot s = snapshot.get();
          ApiResponse a = BlocksApi.blocks(s.blocks(), label, s.refreshedAt());
          send(ex, a.httpStatus(), "application/json", a.json().getBytes(StandardCharsets.UTF_8));
        }
        case "/-/healthy" -> send(ex, 200, "text/plain", "OK\n".getBytes(StandardCharsets.UTF_8));
        case "/-/ready" -> send(ex, 200, "text/plain", "OK\n".getBytes(StandardCharsets.UTF_8));
        default -> send(ex, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    if (server != null) {
      server.stop(0);
    }
  }
}
