package io.thanosjvm.app.query;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The query UI, like Thanos' web UI for {@code thanos query}: {@code /} redirects to {@code /graph} (the
 * expression browser), {@code /stores} lists the endpoints and {@code /status} shows build information and flags.
 * Pages and their scripts are plain static files under {@code classpath:ui/}; they only talk to the HTTP API.
 */
final class QueryUiRoutes {

  private static final String ROOT = "ui/";
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private QueryUiRoutes() {}

  /** The UI routes: the redirect, the three pages and {@code /static/**} from {@code classpath:ui/static/}. */
  static RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/", r -> ServerResponse.status(HttpStatus.FOUND).location(URI.create("/graph")).build())
        .GET("/graph", r -> page("graph.html"))
        .GET("/stores", r -> page("stores.html"))
        .GET("/status", r -> page("status.html"))
        .add(RouterFunctions.resources("/static/**", new ClassPathResource(ROOT + "static/")))
        .build();
  }

  private static Mono<ServerResponse> page(String name) {
    Resource html = new ClassPathResource(ROOT + name);
    return ServerResponse.ok().contentType(HTML)
        .cacheControl(CacheControl.maxAge(Duration.ZERO).mustRevalidate()).bodyValue(html);
  }
}
