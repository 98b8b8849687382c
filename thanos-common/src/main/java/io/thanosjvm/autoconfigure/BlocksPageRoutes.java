package io.thanosjvm.autoconfigure;

import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.BlocksApi;
import io.thanosjvm.block.metadata.BlockMeta;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The block viewer shared by the store gateway and the compactor: {@code GET /api/v1/blocks} (Thanos' answer:
 * the blocks' meta.json documents, the bucket web label and the refresh time) and the {@code /blocks} page, a
 * timeline of the blocks per external-label set.
 */
public final class BlocksPageRoutes {

  /** The page, served from the thanos-common jar. */
  static final String PAGE = "io/thanosjvm/ui/blocks.html";

  private BlocksPageRoutes() {}

  /**
   * The routes.
   *
   * @param blocks the blocks to show, asked on every request (must not block: return a snapshot)
   * @param label the bucket web label ({@code --bucket-web-label}), may be empty
   * @param extraPages further paths serving the same page (the store's {@code /loaded})
   * @param clock the clock stamping {@code refreshedAt}
   */
  public static RouterFunction<ServerResponse> routes(Supplier<List<BlockMeta>> blocks, String label,
      List<String> extraPages, Clock clock) {
    ClassPathResource page = new ClassPathResource(PAGE);
    RouterFunctions.Builder b = RouterFunctions.route()
        .GET("/api/v1/blocks", r -> {
          ApiResponse a = BlocksApi.blocks(blocks.get(), label, clock.instant());
          return ServerResponse.status(a.httpStatus()).contentType(MediaType.APPLICATION_JSON).bodyValue(a.json());
        })
        .GET("/", r -> ServerResponse.temporaryRedirect(URI.create(extraPages.isEmpty() ? "/blocks"
            : extraPages.get(0))).build())
        .GET("/blocks", r -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
    for (String path : extraPages) {
      b.GET(path, r -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
    }
    return b.build();
  }
}
