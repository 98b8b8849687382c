package io.thanosjvm.autoconfigure;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Thanos' operational routes: {@code GET /-/healthy} (the Actuator liveness group), {@code GET /-/ready}
 * (the readiness group) answering 200 {@code OK} or 503 {@code NOT OK}, and {@code GET /metrics} in the
 * Prometheus text format. Health checks and scrapes run on a bounded scheduler, never on the event loop.
 */
final class ProbeRoutes {

  private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

  private ProbeRoutes() {}

  static RouterFunction<ServerResponse> routes(HealthEndpoint health, PrometheusMeterRegistry registry,
      Scheduler scheduler) {
    return RouterFunctions.route()
        .GET("/-/healthy", r -> probe(health, "liveness", scheduler))
        .GET("/-/ready", r -> probe(health, "readiness", scheduler))
        .GET("/metrics", r -> Mono.fromCallable(registry::scrape).subscribeOn(scheduler)
            .flatMap(text -> ServerResponse.ok().contentType(PROMETHEUS_TEXT).bodyValue(text)))
        .build();
  }

  private static Mono<ServerResponse> probe(HealthEndpoint health, String group, Scheduler scheduler) {
    return Mono.fromCallable(() -> isUp(health.healthForPath(group)))
        .subscribeOn(scheduler)
        .flatMap(up -> up
            ? ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK")
            : ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("NOT OK"));
  }

  private static boolean isUp(HealthDescriptor descriptor) {
    return descriptor != null && Status.UP.equals(descriptor.getStatus());
  }
}
