package io.thanosjvm.bench.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.DownsamplingParams;
import io.thanosjvm.api.QueryApi;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.proxy.ProxyStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Our side in one JVM: the store gateway over a filesystem bucket (gRPC on loopback, 250MB in-memory index
 * cache as {@code thanos store} defaults to), the querier's endpoint set and proxy store, and
 * {@code /api/v1/query_range} over HTTP (the JDK's server, JSON as the query app writes it).
 */
public final class LocalQuerier implements AutoCloseable {

  private final FilesystemBucket bucket;
  private final StoreGateway gateway;
  private final Server grpc;
  private final EndpointSet endpoints;
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private final ExecutorService http = Executors.newFixedThreadPool(4);
  private final HttpServer server;
  private final ProxyStore proxy;

  /** Serves the blocks of {@code bucketDir}, index-headers in {@code dataDir}. */
  public LocalQuerier(Path bucketDir, Path dataDir) throws IOException {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    bucket = new FilesystemBucket(bucketDir);
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 250L << 20, meters),
        new StoreGateway.Settings(dataDir, Duration.ofHours(1), 4, 8, StoreLimits.NONE, 20, Long.MIN_VALUE,
            Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), meters, Clock.systemUTC());
    int loaded = gateway.sync().loaded();
    if (loaded == 0) {
      throw new IllegalStateException("store gateway loaded no blocks from " + bucketDir);
    }
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    endpoints = new EndpointSet(List.of("127.0.0.1:" + grpc.getPort()), Duration.ofSeconds(5), List.of());
    endpoints.refresh();
    proxy = new ProxyStore(endpoints::stores, readers, Duration.ofMinutes(2));
    QueryApi api = new QueryApi(new Engine(EngineOptions.defaults()), proxy, Clock.systemUTC(), true, List.of(),
        DownsamplingParams.defaults());
    // the JDK server leaves Nagle on by default: responses written in two parts would wait ~40 ms for delayed ACKs
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/api/v1/query_range", ex -> answer(ex, api.queryRange(params(ex.getRequestURI()))));
    server.createContext("/api/v1/query", ex -> answer(ex, api.query(params(ex.getRequestURI()))));
    server.setExecutor(http);
    server.start();
  }

  /** The querier's proxy store (what the query API hands the engine, wrapped in a StoreQueryable). */
  ProxyStore proxy() {
    return proxy;
  }

  /** The base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static ApiParams params(URI uri) {
    Map<String, List<String>> p = new HashMap<>();
    String q = uri.getRawQuery();
    if (q != null) {
      for (String kv : q.split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        p.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new ApiParams(p);
  }

  private static void answer(HttpExchange ex, ApiResponse r) throws IOException {
    byte[] body = r.json().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(r.httpStatus(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    http.shutdownNow();
    endpoints.close();
    grpc.shutdownNow();
    readers.shutdownNow();
    gateway.close();
    bucket.close();
  }
}
