package io.thanosjvm.app.rule;

import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.RulesApi;
import io.thanosjvm.api.RulesPages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import io.thanosjvm.rules.Ruler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The ruler's HTTP API and UI: {@code /api/v1/rules}, {@code /api/v1/alerts} (Prometheus' JSON), the {@code /alerts}
 * and {@code /rules} pages (server-rendered; {@code /} redirects to {@code /alerts}) and {@code POST /-/reload}
 * (200 when the rules reloaded; 500 with the error when a file is bad, the previous rules still running). Work runs
 * on the bounded elastic scheduler, never on the event loop.
 */
final class RuleRoutes {

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private RuleRoutes() {}

  static RouterFunction<ServerResponse> routes(Ruler ruler, RulesApi api) {
    RulesPages pages = new RulesPages(ruler::groups);
    return RouterFunctions.route()
        .GET("/", r -> ServerResponse.status(HttpStatus.FOUND).location(URI.create("/alerts")).build())
        .GET("/alerts", r -> html(pages::alerts))
        .GET("/rules", r -> html(pages::rules))
        .GET("/api/v1/rules", r -> json(() -> api.rules(params(r.queryParams()))))
        .GET("/api/v1/alerts", r -> json(api::alerts))
        .POST("/-/reload", r -> Mono.fromCallable(() -> {
          try {
            ruler.reload();
            return "";
          } catch (RuntimeException e) {
            return "failed to reload config: " + e.getMessage();
          }
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(err -> err.isEmpty()
            ? ServerResponse.ok().build()
            : ServerResponse.status(500).contentType(MediaType.TEXT_PLAIN).bodyValue(err)))
        .build();
  }

  private static Mono<ServerResponse> html(Supplier<String> page) {
    return Mono.fromCallable(page::get).subscribeOn(Schedulers.boundedElastic())
        .flatMap(h -> ServerResponse.ok().contentType(HTML).bodyValue(h));
  }

  private static Mono<ServerResponse> json(Supplier<ApiResponse> answer) {
    return Mono.fromCallable(answer::get).subscribeOn(Schedulers.boundedElastic())
        .flatMap(a -> ServerResponse.status(a.httpStatus()).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(a.json()));
  }

  private static ApiParams params(org.springframework.util.MultiValueMap<String, String> query) {
    Map<String, List<String>> all = new LinkedHashMap<>(query);
    return new ApiParams(all);
  }
}
