package io.thanosjvm.autoconfigure;

import io.thanosjvm.server.http.HttpHandlerNames;
import io.thanosjvm.server.http.HttpRequestMetrics;
import java.util.Locale;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/** Records {@code http_requests_total} and {@code http_request_duration_seconds} for every request. */
public class HttpMetricsWebFilter implements WebFilter {

  private final HttpRequestMetrics metrics;

  /** A filter recording into {@code metrics}. */
  public HttpMetricsWebFilter(HttpRequestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long start = System.nanoTime();
    return chain.filter(exchange).doFinally(signal -> {
      HttpStatusCode status = exchange.getResponse().getStatusCode();
      int code = status == null ? 200 : status.value();
      metrics.record(handler(exchange), exchange.getRequest().getMethod().name().toLowerCase(Locale.ROOT),
          code, System.nanoTime() - start);
    });
  }

  private static String handler(ServerWebExchange exchange) {
    Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null) {
      pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
    if (pattern instanceof PathPattern pp) {
      return HttpHandlerNames.of(pp.getPatternString());
    }
    return HttpHandlerNames.of(pattern == null ? null : pattern.toString());
  }
}
