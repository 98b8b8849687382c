package io.thanosjvm.app.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * One page of the query UI: its path, title, extra stylesheets and body (a fragment under {@code classpath:ui/pages/}:
 * the page's {@code <main>} and scripts). Every page is served in the same shell (head, style sheet, the navigation
 * bar listing all {@link #PAGES} with the current one marked), so a new page appears in every page's navigation.
 *
 * @param path the URL path, e.g. {@code /graph}
 * @param title the tab's title after "Thanos | "
 * @param stylesheets stylesheets the page needs before the shared {@code /static/style.css}
 */
record QueryUiPage(String path, String title, List<String> stylesheets) {

  /** The pages, in navigation order. */
  static final List<QueryUiPage> PAGES = List.of(
      new QueryUiPage("/graph", "Graph", List.of("/static/vendor/uplot/uPlot.min.css")),
      new QueryUiPage("/stores", "Stores", List.of()),
      new QueryUiPage("/status", "Status", List.of()),
      new QueryUiPage("/cardinality", "Cardinality", List.of()));

  QueryUiPage {
    if (!path.matches("/[a-z]+")) {
      throw new IllegalArgumentException("a UI page path is one lower-case segment: " + path);
    }
    stylesheets = List.copyOf(stylesheets);
  }

  /** The whole HTML document of this page. */
  String render() {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
        .append("  <meta charset=\"utf-8\">\n")
        .append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("  <title>Thanos | ").append(HtmlUtils.htmlEscape(title)).append("</title>\n");
    for (String css : stylesheets) {
      html.append("  <link rel=\"stylesheet\" href=\"").append(css).append("\">\n");
    }
    html.append("  <link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n  <nav class=\"navbar\">\n")
        .append("    <a class=\"brand\" href=\"/graph\">Thanos</a>\n");
    for (QueryUiPage p : PAGES) {
      html.append("    <a ").append(p.equals(this) ? "class=\"active\" " : "").append("href=\"").append(p.path())
          .append("\">").append(HtmlUtils.htmlEscape(p.title())).append("</a>\n");
    }
    html.append("  </nav>\n");
    for (String line : body().split("\n")) {
      html.append(line.isEmpty() ? "" : "  ").append(line).append('\n');
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private String body() {
    try (InputStream in = new ClassPathResource("ui/pages" + path + ".html").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException("the UI page body of " + path + " is missing", e);
    }
  }
}
