package io.thanosjvm.app.query;

import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.DeleteSeriesApi;
import io.thanosjvm.api.QueryApi;
import io.thanosjvm.api.QueryGate;
import io.thanosjvm.api.StatusApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Routes Prometheus' HTTP API v1 to {@link QueryApi}: GET query strings and POST forms alike (label values
 * is GET only), evaluated on a bounded scheduler, never on the event loop; answers are streamed in bounded
 * chunks encoded on that scheduler too ({@link StreamedJson}).
 */
final class QueryApiRoutes {

  private QueryApiRoutes() {}

  static RouterFunction<ServerResponse> routes(QueryApi api, QueryGate gate, StatusApi status, Scheduler scheduler) {
    return RouterFunctions.route()
        .GET("/api/v1/query", r -> handle(r, scheduler, p -> gate.run(() -> api.query(p))))
        .POST("/api/v1/query", r -> handle(r, scheduler, p -> gate.run(() -> api.query(p))))
        .GET("/api/v1/query_range", r -> handle(r, scheduler, p -> gate.run(() -> api.queryRange(p))))
        .POST("/api/v1/query_range", r -> handle(r, scheduler, p -> gate.run(() -> api.queryRange(p))))
        .GET("/api/v1/status/buildinfo", r -> handle(r, scheduler, p -> status.buildInfo()))
        .GET("/api/v1/status/flags", r -> handle(r, scheduler, p -> status.flags()))
        .GET("/api/v1/status/tsdb", r -> handle(r, scheduler, p -> gate.run(() -> api.tsdbStatus(p))))
        .GET("/api/v1/stores", r -> handle(r, scheduler, p -> status.stores()))
        .GET("/api/v1/query_exemplars", r -> handle(r, scheduler, p -> status.exemplars()))
        .POST("/api/v1/query_exemplars", r -> handle(r, scheduler, p -> status.exemplars()))
        .GET("/api/v1/metadata", r -> handle(r, scheduler, p -> status.metadata()))
        .GET("/api/v1/series", r -> handle(r, scheduler, api::series))
        .POST("/api/v1/series", r -> handle(r, scheduler, api::series))
        .GET("/api/v1/labels", r -> handle(r, scheduler, api::labels))
        .POST("/api/v1/labels", r -> handle(r, scheduler, api::labels))
        .GET("/api/v1/label/{name}/values",
            r -> handle(r, scheduler, p -> api.labelValues(r.pathVariable("name"), p)))
        .build();
  }

  /**
   * Prometheus' admin endpoint {@code POST|PUT /api/v1/admin/tsdb/delete_series}: {@code 204} without a body on
   * success, the error envelope otherwise (also when the admin API is off).
   */
  static RouterFunction<ServerResponse> adminRoutes(DeleteSeriesApi deletes, Scheduler scheduler) {
    return RouterFunctions.route()
        .POST(DeleteSeriesApi.PATH, r -> handle(r, scheduler, deletes::deleteSeries))
        .PUT(DeleteSeriesApi.PATH, r -> handle(r, scheduler, deletes::deleteSeries))
        .build();
  }

  static Mono<ServerResponse> handle(ServerRequest request, Scheduler scheduler,
      Function<ApiParams, ApiResponse> endpoint) {
    Mono<MultiValueMap<String, String>> form = request.headers().contentType()
        .filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
        .map(t -> request.formData())
        .orElse(Mono.just(new org.springframework.util.LinkedMultiValueMap<>()));
    return form.map(body -> params(request.queryParams(), body, request.headers().asHttpHeaders().toSingleValueMap()))
        .publishOn(scheduler)
        .map(endpoint)
        .flatMap(r -> r.httpStatus() == 204 ? ServerResponse.noContent().build() : StreamedJson.respond(r, scheduler));
  }

  private static ApiParams params(MultiValueMap<String, String> query, MultiValueMap<String, String> form,
      Map<String, String> headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    form.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    query.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    return new ApiParams(all, headers);
  }
}
