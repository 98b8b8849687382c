package io.thanosjvm.app.query;

import io.thanosjvm.api.QueryRulesApi;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;

/**
 * Routes {@code /api/v1/rules} and {@code /api/v1/alerts} (GET and POST forms) to {@link QueryRulesApi}, the Rules
 * API fan-out over the endpoints advertising it; the gRPC calls run on a bounded scheduler, never the event loop.
 */
final class QueryRulesRoutes {

  private QueryRulesRoutes() {}

  static RouterFunction<ServerResponse> routes(QueryRulesApi api, Scheduler scheduler) {
    return RouterFunctions.route()
        .GET("/api/v1/rules", r -> QueryApiRoutes.handle(r, scheduler, api::rules))
        .POST("/api/v1/rules", r -> QueryApiRoutes.handle(r, scheduler, api::rules))
        .GET("/api/v1/alerts", r -> QueryApiRoutes.handle(r, scheduler, api::alerts))
        .POST("/api/v1/alerts", r -> QueryApiRoutes.handle(r, scheduler, api::alerts))
        .build();
  }
}
