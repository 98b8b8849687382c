package io.thanosjvm.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Regular expressions side by side with a real Prometheus 2.42 over the same series: which values label matchers
 * select (both {@code =~} and {@code !~}), what {@code label_replace} writes, and the error text of expressions
 * Go's regexp refuses.
 */
class RegexParityTest {

  private static final long T = 1_700_000_000_000L;
  private static final String[] VALUES = {"a", "b", "aab", "ab", "foo", "FOO", "foobar", "barfoo", "xfooy", "fo",
      "foo\nbar", "bar\nfoo", "\n", "a\nb", "ÄÖü", "日本", "a.b", "a+b", "1x", "x1", "  ", "foofoo", "$1", "a\\b"};
  private static final List<String> REGEXES = List.of(".*", ".+", "foo.*", ".*foo", ".*foo.*", ".+foo.+", ".+foo",
      "foo.+", "(?i)foo.*", "[[:alpha:]]+", "\\pL+", "\\p{Han}+", "(?s).*", "(?s).*foo.*", "a|b|foo", "(a|a)*b",
      ".*\\n.*", "\\Qa.b\\E", "a\\.b", "a.b", "x*", "[^a]*", "(?P<g>foo)bar", "\\d.", ".", "..", "^foo$", "foo$",
      "(?m)^bar$", "(?m).*^foo", "\\s+", "a\\+b", "a\\\\b", "\\$1", "(?U)a+", "fo{1,2}", "[a-c]+", "\\x{65e5}.*",
      "(foo)?", "foo|", "|foo", "(?i)ÄÖÜ", "\\b", "\\Bfoo", ".*oo.*bar");
  private static final List<String[]> REPLACES = List.of(new String[] {"(.)(.*)", "$1-${2}x$$"},
      new String[] {"(?P<first>[a-z])(?P<rest>.*)", "$rest/$first"}, new String[] {"(a)(b)?", "[$2]$1x"},
      new String[] {"(.*)", "$01$1"}, new String[] {"(f)(o+)", "${2}${1}${3}"}, new String[] {".*", "${"},
      new String[] {"(.*)", "$1$1"});
  private static final List<String> BAD = List.of("(?=x)", "(unclosed", "a\\1", "x{1001}", "[[:foo:]]", "a**",
      "(?<n>x)", "[z-a]", "x\\", "(?P<n>a)(?P<n>b)", "\\8", "a{2,1}", "(?i", "*a", "a)", ")", "a)b", "())", "[a",
      "a{,3}x{2");

  private static PrometheusServer prometheus;
  private static final InMemoryQueryable OURS = new InMemoryQueryable();
  private static final Engine ENGINE = new Engine(EngineOptions.defaults());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void load() throws IOException, InterruptedException {
    prometheus = PrometheusServer.start(Map.of());
    List<TimeSeries> series = new ArrayList<>();
    for (int i = 0; i < VALUES.length; i++) {
      series.add(PrometheusServer.series(new String[] {"__name__", "re_test", "v", VALUES[i], "i", "" + i},
          new long[] {T}, new double[] {i}));
      OURS.append(Labels.of("__name__", "re_test", "v", VALUES[i], "i", "" + i), T, i);
    }
    series.add(PrometheusServer.series(new String[] {"__name__", "re_test", "i", "none"}, new long[] {T},
        new double[] {-1}));
    OURS.append(Labels.of("__name__", "re_test", "i", "none"), T, -1);
    prometheus.remoteWrite(series);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void matchersSelectWhatPrometheusSelects() throws Exception {
    for (String re : REGEXES) {
      for (String op : List.of("=~", "!~")) {
        String q = "re_test{v" + op + "`" + re + "`}";
        assertThat(ours(q, "v")).as(q).isEqualTo(theirs(q, "v"));
      }
    }
  }

  @Test
  void labelReplaceWritesWhatPrometheusWrites() throws Exception {
    for (String[] r : REPLACES) {
      String q = "label_replace(re_test, \"d\", `" + r[1] + "`, \"v\", `" + r[0] + "`)";
      assertThat(ours(q, "d")).as(q).isEqualTo(theirs(q, "d"));
    }
  }

  @Test
  void refusedExpressionsGetPrometheusErrorText() throws Exception {
    for (String re : BAD) {
      for (String q : List.of("re_test{v=~`" + re + "`}", "label_replace(re_test, \"d\", \"x\", \"v\", `" + re
          + "`)")) {
        String theirs = theirError(q);
        String ours;
        try {
          ENGINE.instantQuery(OURS, q, T);
          ours = "no error";
        } catch (PromqlException e) {
          ours = e.getMessage();
        }
        assertThat(ours).as(q).isEqualTo(theirs);
      }
    }
  }

  private static TreeSet<String> ours(String q, String label) {
    TreeSet<String> out = new TreeSet<>();
    for (VectorElement e : ((VectorValue) ENGINE.instantQuery(OURS, q, T).value()).elements()) {
      out.add(e.labels().get("i") + "=" + e.labels().get(label));
    }
    return out;
  }

  private static TreeSet<String> theirs(String q, String label) throws IOException, InterruptedException {
    JsonNode body = query(q);
    assertThat(body.path("status").asString()).as(q + ": " + body).isEqualTo("success");
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode r : body.path("data").path("result")) {
      JsonNode m = r.path("metric");
      out.add(m.path("i").asString() + "=" + (m.has(label) ? m.path(label).asString() : ""));
    }
    return out;
  }

  private static String theirError(String q) throws IOException, InterruptedException {
    JsonNode body = query(q);
    if (body.path("status").asString().equals("success")) {
      return "no error";
    }
    return body.path("error").asString().replaceFirst("^invalid parameter \"query\": ", "");
  }

  private static JsonNode query(String q) throws IOException, InterruptedException {
    String qs = "query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&time=" + (T / 1000);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?" + qs))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
