package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The query app serves its UI: the redirect, the three pages and their local, correctly typed assets. */
class QueryUiRoutesTest {

  private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() {
    int[] exit = {0};
    app = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0"}, System.out, System.err, exit));
    port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static List<String> references(String html) {
    List<String> refs = new ArrayList<>();
    Matcher m = REFERENCE.matcher(html);
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }

  @Test
  void rootRedirectsToGraph() throws Exception {
    HttpResponse<String> r = TestHttp.get(port, "/");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/graph");
  }

  @Test
  void pagesAreHtmlAndReferenceOnlyLocalAssetsThatExist() throws Exception {
    for (String page : List.of("/graph", "/stores", "/status", "/cardinality")) {
      HttpResponse<String> r = TestHttp.get(port, page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).as(page).hasValue("text/html;charset=UTF-8");
      List<String> refs = references(r.body());
      assertThat(refs).as(page).contains("/static/style.css", "/static/format.js");
      for (String ref : refs) {
        assertThat(ref).as("%s references %s", page, ref).startsWith("/").doesNotStartWith("//");
        HttpResponse<String> asset = TestHttp.get(port, ref);
        assertThat(asset.statusCode()).as(ref).isEqualTo(200);
        String type = asset.headers().firstValue("Content-Type").orElse("");
        if (ref.endsWith(".js")) {
          assertThat(type).as(ref).matches("(text|application)/javascript.*");
          // a leading licence comment (uPlot's names its home page) is no reference
          String code = asset.body().replaceFirst("^/\\*![^*]*\\*/", "");
          assertThat(code).as(ref).doesNotContainPattern("\\b(import|require)\\s*\\(").doesNotContain("https://");
        } else if (ref.endsWith(".css")) {
          assertThat(type).as(ref).startsWith("text/css");
          assertThat(asset.body()).as(ref).doesNotContain("url(").doesNotContain("@import");
        }
      }
    }
  }

  @Test
  void everyPageNavigatesToEveryPageAndMarksItself() throws Exception {
    List<String> pages = List.of("/graph", "/stores", "/status", "/cardinality");
    for (String page : pages) {
      String body = TestHttp.get(port, page).body();
      String nav = body.substring(body.indexOf("<nav"), body.indexOf("</nav>"));
      for (String other : pages) {
        assertThat(nav).as("%s links %s", page, other).contains("href=\"" + other + "\"");
      }
      assertThat(nav).as(page).containsOnlyOnce("class=\"active\"").contains("class=\"active\" href=\"" + page + "\"");
      assertThat(body).as(page).startsWith("<!DOCTYPE html>").contains("<main").endsWith("</html>\n");
    }
  }

  @Test
  void graphPageLoadsTheScriptsInDependencyOrder() throws Exception {
    List<String> scripts = references(TestHttp.get(port, "/graph").body()).stream()
        .filter(s -> s.endsWith(".js")).toList();
    assertThat(scripts).containsExactly("/static/format.js", "/static/vendor/uplot/uPlot.iife.min.js",
        "/static/chart.js", "/static/table.js",
        "/static/autocomplete.js", "/static/panel.js", "/static/panel-view.js", "/static/panel-query.js",
        "/static/graph.js");
  }

  @Test
  void uplotIsServedFromTheWebjarUnderAVersionFreeUrl() throws Exception {
    HttpResponse<String> js = TestHttp.get(port, "/static/vendor/uplot/uPlot.iife.min.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).startsWith("/*! https://github.com/leeoniya/uPlot (v").contains("var uPlot=");
    HttpResponse<String> css = TestHttp.get(port, "/static/vendor/uplot/uPlot.min.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(TestHttp.get(port, "/static/vendor/uplot/../../../application.yml").statusCode()).isIn(400, 404);
    assertThat(TestHttp.get(port, "/static/vendor/uplot/package.json").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownAssetsAndPathsOutsideTheUiAreNotFound() throws Exception {
    assertThat(TestHttp.get(port, "/static/missing.js").statusCode()).isEqualTo(404);
    assertThat(TestHttp.get(port, "/static/../application.yml").statusCode()).isEqualTo(404);
    assertThat(TestHttp.get(port, "/static/%2e%2e/graph.html").statusCode()).isIn(400, 404);
  }
}
