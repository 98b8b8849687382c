package io.thanosjvm.queryfrontend;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.api.ApiException;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.queryfrontend.cache.ResponseCache;
import io.thanosjvm.queryfrontend.testing.FaultInjectingProxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The range pipeline over a real Prometheus behind a {@link FaultInjectingProxy}, and Prometheus asked directly. */
final class FrontendFixture implements AutoCloseable {

  /** A status and body. */
  record Answer(int status, String body) {}

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  final URI prometheus;
  final FaultInjectingProxy proxy;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final ExecutorService pool = Executors.newFixedThreadPool(8);
  final RangeHandler pipeline;

  FrontendFixture(URI prometheus, QueryRangeSettings settings, ResponseCache cache, Clock clock) throws Exception {
    this.prometheus = prometheus;
    this.proxy = new FaultInjectingProxy(prometheus);
    FrontendMetrics metrics = new FrontendMetrics(registry);
    Downstream downstream = new RetryingDownstream(new HttpDownstream(proxy.url(), Duration.ofMinutes(1)),
        settings.maxRetries(), Backoff.thanos(new Random(1)), n -> metrics.retries().increment());
    this.pipeline = QueryRangePipeline.build(settings, downstream, cache, pool, clock, metrics);
  }

  static Map<String, List<String>> params(String query, long startMs, long endMs, String step) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("query", List.of(query));
    p.put("start", List.of(seconds(startMs)));
    p.put("end", List.of(seconds(endMs)));
    p.put("step", List.of(step));
    return p;
  }

  static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%d.%03d", ms / 1000, ms % 1000);
  }

  /** Through the frontend pipeline, as the app answers (parse errors become Prometheus' error JSON). */
  Answer frontend(Map<String, List<String>> params) {
    return frontend(params, RequestHeaders.NONE);
  }

  Answer frontend(Map<String, List<String>> params, RequestHeaders headers) {
    RangeRequest r;
    try {
      r = RangeRequest.parse(params, true);
    } catch (ApiException e) {
      ApiResponse err = ApiResponse.error(e.error(), e.getMessage());
      return new Answer(err.httpStatus(), err.json());
    }
    QueryResponse q = pipeline.handle(r, headers);
    return new Answer(q.status(), new String(q.body(), StandardCharsets.UTF_8));
  }

  /** Prometheus asked directly. */
  Answer direct(Map<String, List<String>> params) throws Exception {
    StringBuilder qs = new StringBuilder();
    params.forEach((k, vs) -> vs.forEach(v -> qs.append(qs.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query_range?" + qs))
        .build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  /** A sample of the registry's scrape, or 0 when absent. */
  double metric(String nameAndLabels) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(nameAndLabels + " ")) {
        return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    proxy.close();
    pool.shutdownNow();
  }
}
