package io.thanosjvm.app.store;

import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.BlocksApi;
import io.thanosjvm.store.bucket.BucketBlock;
import io.thanosjvm.store.bucket.StoreGateway;
import java.time.Instant;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/v1/blocks} (the loaded blocks' metas) and the {@code /blocks} and {@code /loaded} pages. */
final class BlocksRoutes {

  private BlocksRoutes() {}

  static RouterFunction<ServerResponse> routes(StoreGateway gateway) {
    ClassPathResource page = new ClassPathResource("ui/blocks.html");
    return RouterFunctions.route()
        .GET("/api/v1/blocks", r -> {
          ApiResponse a = BlocksApi.blocks(gateway.registry().blocks().stream().map(BucketBlock::meta).toList(), "",
              Instant.now());
          return ServerResponse.status(a.httpStatus()).contentType(MediaType.APPLICATION_JSON).bodyValue(a.json());
        })
        .GET("/", r -> ServerResponse.temporaryRedirect(java.net.URI.create("/loaded")).build())
        .GET("/blocks", r -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
        .GET("/loaded", r -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
        .build();
  }
}
