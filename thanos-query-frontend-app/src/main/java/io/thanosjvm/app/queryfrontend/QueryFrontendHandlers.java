package io.thanosjvm.app.queryfrontend;

import static org.springframework.web.reactive.function.server.RequestPredicates.all;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.thanosjvm.api.ApiError;
import io.thanosjvm.api.ApiException;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.autoconfigure.ThanosQueryFrontendProperties;
import io.thanosjvm.queryfrontend.Downstream;
import io.thanosjvm.queryfrontend.DownstreamRequest;
import io.thanosjvm.queryfrontend.DownstreamResponse;
import io.thanosjvm.queryfrontend.FrontendMetrics;
import io.thanosjvm.queryfrontend.MetadataPipeline;
import io.thanosjvm.queryfrontend.MetadataRequest;
import io.thanosjvm.queryfrontend.QueryResponse;
import io.thanosjvm.queryfrontend.RangeHandler;
import io.thanosjvm.queryfrontend.RangeRequest;
import io.thanosjvm.queryfrontend.RequestHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The frontend's HTTP routes: {@code /api/v1/query_range} (GET and POST form) through the range pipeline,
 * {@code /api/v1/query} forwarded with retries, label and series requests through the metadata pipeline (split by
 * interval, cached, retried), and every other
 * path except the probes and {@code /metrics} proxied unchanged (method, path, query string, body, forwarded
 * headers). Blocking work runs on a bounded scheduler, never on a Netty event loop.
 */
final class QueryFrontendHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(QueryFrontendHandlers.class);
  private static final Set<String> NOT_COPIED_BACK = Set.of("connection", "content-length", "transfer-encoding",
      "keep-alive", "content-encoding");

  /** A finished answer. */
  private record Answer(int status, Map<String, List<String>> headers, byte[] body) {

    static Answer json(int status, byte[] body) {
      return new Answer(status, Map.of(HttpHeaders.CONTENT_TYPE, List.of(MediaType.APPLICATION_JSON_VALUE)), body);
    }

    static Answer error(ApiError type, int status, String message) {
      return json(status, ApiResponse.error(type, message).json().getBytes(StandardCharsets.UTF_8));
    }
  }

  private final RangeHandler pipeline;
  private final MetadataPipeline metadataPipeline;
  private final Downstreams downstreams;
  private final ThanosQueryFrontendProperties props;
  private final FrontendMetrics metrics;
  private final Scheduler scheduler;
  private final Clock clock;

  QueryFrontendHandlers(RangeHandler pipeline, MetadataPipeline metadataPipeline, Downstreams downstreams,
      ThanosQueryFrontendProperties props, FrontendMetrics metrics, Scheduler scheduler, Clock clock) {
    this.pipeline = pipeline;
    this.metadataPipeline = metadataPipeline;
    this.downstreams = downstreams;
    this.props = props;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/api/v1/query_range", this::queryRange)
        .POST("/api/v1/query_range", this::queryRange)
        .route(path("/api/v1/query"), r -> forward(r, downstreams.instant(), FrontendMetrics.QUERY))
        .route(path("/api/v1/labels"), r -> metadata(r, MetadataRequest.Kind.LABEL_NAMES, "", FrontendMetrics.LABELS))
        .route(path("/api/v1/label/{name}/values"), r -> metadata(r, MetadataRequest.Kind.LABEL_VALUES,
            r.pathVariable("name"), FrontendMetrics.LABELS))
        .route(path("/api/v1/series"), r -> metadata(r, MetadataRequest.Kind.SERIES, "", FrontendMetrics.SERIES))
        .route(all().and(path("/-/**").negate()).and(path("/metrics").negate()),
            r -> forward(r, downstreams.plain(), null))
        .build();
  }

  private Mono<ServerResponse> queryRange(ServerRequest request) {
    metrics.query(FrontendMetrics.QUERY_RANGE);
    RequestHeaders headers = headers(request);
    return request.formData().defaultIfEmpty(new org.springframework.util.LinkedMultiValueMap<>())
        .flatMap(form -> {
          Map<String, List<String>> params = new LinkedHashMap<>();
          request.queryParams().forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>())
              .addAll(v));
          form.forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
          return offload(() -> timed(request, params, () -> range(params, headers)));
        })
        .flatMap(QueryFrontendHandlers::respond);
  }

  private Answer range(Map<String, List<String>> params, RequestHeaders headers) {
    RangeRequest r;
    try {
      r = RangeRequest.parse(params, props.getQueryRange().isPartialResponse());
    } catch (ApiException e) {
      return Answer.error(e.error(), e.error().httpStatus(), e.getMessage());
    }
    QueryResponse q = pipeline.handle(r, headers);
    return Answer.json(q.status(), q.body());
  }

  /** Labels, label values and series: split by interval and cached ({@link MetadataPipeline}). */
  private Mono<ServerResponse> metadata(ServerRequest request, MetadataRequest.Kind kind, String label, String op) {
    metrics.query(op);
    RequestHeaders headers = headers(request);
    String path = request.uri().getRawPath();
    return request.formData().defaultIfEmpty(new org.springframework.util.LinkedMultiValueMap<>())
        .flatMap(form -> {
          Map<String, List<String>> params = new LinkedHashMap<>();
          request.queryParams().forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>())
              .addAll(v));
          form.forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
          if (!params.containsKey("partial_response")) {
            params.put("partial_response", List.of(Boolean.toString(props.getLabels().isPartialResponse())));
          }
          return offload(() -> timed(request, params, () -> {
            MetadataRequest r;
            try {
              r = MetadataRequest.parse(kind, path, label, params,
                  props.getLabels().getDefaultTimeRange().toMillis(), clock.millis());
            } catch (ApiException e) {
              return Answer.error(e.error(), e.error().httpStatus(), e.getMessage());
            }
            return copyBack(metadataPipeline.handle(r, headers));
          }));
        })
        .flatMap(QueryFrontendHandlers::respond);
  }

  private Mono<ServerResponse> forward(ServerRequest request, Downstream downstream, String op) {
    if (op != null) {
      metrics.query(op);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(headers(request).forwarded());
    String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
    String rawQuery = request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery();
    String path = request.uri().getRawPath();
    return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
      if (body.length > 0 && contentType != null) {
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(contentType));
      }
      DownstreamRequest out = new DownstreamRequest(request.method().name(), path, rawQuery, body, headers);
      Callable<Answer> call = () -> send(downstream, out);
      return offload(op == null ? call : () -> timed(request, request.queryParams(), call));
    }).flatMap(QueryFrontendHandlers::respond);
  }

  private static Answer send(Downstream downstream, DownstreamRequest out) {
    try {
      return copyBack(downstream.send(out));
    } catch (IOException e) {
      return Answer.error(ApiError.INTERNAL, 502, "downstream unreachable: " + e);
    }
  }

  private static Answer copyBack(DownstreamResponse r) {
    Map<String, List<String>> back = new LinkedHashMap<>();
    r.headers().forEach((k, v) -> {
      if (!NOT_COPIED_BACK.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
        back.put(k, v);
      }
    });
    return new Answer(r.status(), back, r.body());
  }

  private Answer timed(ServerRequest request, Map<String, List<String>> params, Callable<Answer> work)
      throws Exception {
    long t0 = clock.millis();
    Answer a = work.call();
    long took = clock.millis() - t0;
    long limit = props.getLogQueriesLongerThan().toMillis();
    if (limit < 0 || (limit > 0 && took > limit)) {
      LOG.atInfo().addKeyValue("path", request.path()).addKeyValue("time_taken_ms", took)
          .addKeyValue("status", a.status()).addKeyValue("query", params.getOrDefault("query", List.of()))
          .addKeyValue("start", params.getOrDefault("start", List.of()))
          .addKeyValue("end", params.getOrDefault("end", List.of()))
          .addKeyValue("step", params.getOrDefault("step", List.of())).log("slow query detected");
    }
    return a;
  }

  private Mono<Answer> offload(Callable<Answer> work) {
    return Mono.fromCallable(work).subscribeOn(scheduler);
  }

  private static Mono<ServerResponse> respond(Answer a) {
    return ServerResponse.status(a.status()).headers(h -> a.headers().forEach(h::addAll)).bodyValue(a.body());
  }

  private RequestHeaders headers(ServerRequest request) {
    Map<String, List<String>> forwarded = new LinkedHashMap<>();
    for (String name : props.getForwardHeaders()) {
      List<String> v = request.headers().header(name);
      if (!v.isEmpty()) {
        forwarded.put(name, v);
      }
    }
    String tenant = "";
    for (String name : props.getOrgIdHeaders()) {
      String v = request.headers().firstHeader(name);
      if (v != null && !v.isEmpty()) {
        tenant = v;
        break;
      }
    }
    return new RequestHeaders(forwarded, tenant);
  }
}
