package io.thanosjvm.app.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The query UI, like Thanos' web UI for {@code thanos query}: {@code /} redirects to {@code /graph} (the
 * expression browser), {@code /stores} lists the endpoints, {@code /status} shows build information and flags and
 * {@code /cardinality} explores where the series are (top-N tables over {@code /api/v1/status/tsdb}, drill-down).
 * Pages share one shell ({@link QueryUiPage}) around their bodies under {@code classpath:ui/pages/}; they and
 * their scripts (static files under {@code classpath:ui/static/}) only talk to the HTTP API. The
 * Graph tab plots with uPlot from the {@code org.webjars.npm:uplot} webjar, served under the version-free URL
 * {@code /static/vendor/uplot/} (its {@code dist/} directory), so pages need no change when the webjar is updated.
 */
final class QueryUiRoutes {

  private static final String ROOT = "ui/";
  private static final String UPLOT_WEBJAR = "META-INF/resources/webjars/uplot/";
  private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private QueryUiRoutes() {}

  /**
   * The UI routes: the redirect, the pages ({@link QueryUiPage}, rendered once), {@code /static/**} from {@code classpath:ui/static/} and
   * {@code /static/vendor/uplot/**} from the uPlot webjar.
   */
  static RouterFunction<ServerResponse> routes() {
    RouterFunctions.Builder routes = RouterFunctions.route()
        .GET("/", r -> ServerResponse.status(HttpStatus.FOUND).location(URI.create("/graph")).build());
    for (QueryUiPage page : QueryUiPage.PAGES) {
      String html = page.render();
      routes.GET(page.path(), r -> ServerResponse.ok().contentType(HTML)
          .cacheControl(CacheControl.maxAge(Duration.ZERO).mustRevalidate()).bodyValue(html));
    }
    return routes
        .add(RouterFunctions.resources("/static/vendor/uplot/**", new ClassPathResource(uplotDist())))
        .add(RouterFunctions.resources("/static/**", new ClassPathResource(ROOT + "static/")))
        .build();
  }

  /** The webjar's {@code dist/} directory, its version read from the webjar's own pom.properties. */
  static String uplotDist() {
    Properties pom = new Properties();
    try (InputStream in = new ClassPathResource(UPLOT_POM).getInputStream()) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the uPlot webjar (org.webjars.npm:uplot) is not on the classpath", e);
    }
    return UPLOT_WEBJAR + pom.getProperty("version") + "/dist/";
  }
}
