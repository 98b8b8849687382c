package io.thanosjvm.rules.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the template language, construct by construct and function by function; the byte-for-byte
 * comparison with Prometheus 2.42 is {@link TemplateGoldenTest}. Texts expected here follow Go's {@code
 * text/template} and Prometheus' {@code template.go}.
 */
class TemplateExpanderTest {

  private static final TemplateData DATA = new TemplateData(
      Map.of("instance", "web-1.example.org:8080", "job", "web", "severity", "page"),
      Map.of("cluster", "eu-1", "replica", "a"), "https://prom.example.org:9090/prefix/", 0.75);

  private static String alert(String text) {
    return TemplateExpander.expandAlert("Test", text, DATA, TemplateGoldenTest.QUERIES);
  }

  private static String plain(String text) {
    return TemplateExpander.expand("t", text, DATA, TemplateGoldenTest.QUERIES);
  }

  @Test
  void alertDefinitionsExposeLabelsExternalLabelsUrlAndValue() {
    assertEquals("web eu-1 https://prom.example.org:9090/prefix/ 0.75",
        alert("{{ $labels.job }} {{ $externalLabels.cluster }} {{ $externalURL }} {{ $value }}"));
    assertEquals("map[cluster:eu-1 replica:a]", alert("{{ .ExternalLabels }}"));
  }

  @Test
  void externalUrlAndPathPrefixComeFromTheData() {
    assertEquals("https://prom.example.org:9090/prefix/|/prefix/", alert("{{ externalURL }}|{{ pathPrefix }}"));
  }

  @Test
  void missingMapKeysAreEmptyStringsButMissingArgsAreNoValue() {
    assertEquals("[]", alert("[{{ $labels.nope }}]"));
    assertEquals("<no value>", alert("{{ (args 1).arg9 }}"));
  }

  @Test
  void trimMarkersEatAdjacentWhitespace() {
    assertEquals("a|b", plain("a \n {{- \"|\" -}} \n\t b"));
    assertEquals("a -1 b", plain("a {{-1}} b"));
  }

  @Test
  void rangeOverMapsIsInKeyOrderWithElse() {
    assertEquals("instance,job,severity,", alert("{{ range $k, $v := $labels }}{{ $k }},{{ end }}"));
    assertEquals("none", plain("{{ range $x := .Labels.job }}{{ end }}".replace(".Labels.job", "(args).x")
        .replace("{{ end }}", "{{ else }}none{{ end }}")));
  }

  @Test
  void breakAndContinueInsideRange() {
    assertEquals("instance,", alert("{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ break }}{{ end }}"
        + "{{ $k }},{{ end }}"));
  }

  @Test
  void defineTemplateAndBlock() {
    assertEquals("<web>", alert("{{ define \"w\" }}<{{ .job }}>{{ end }}{{ template \"w\" $labels }}"));
    assertEquals("b:0.75", alert("{{ block \"b\" $value }}b:{{ . }}{{ end }}"));
  }

  @Test
  void variablesAreScopedToTheirBlock() {
    assertEquals("21", plain("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}"));
    assertEquals("2", plain("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"));
  }

  @Test
  void queryFunctionsAndSorting() {
    assertEquals("a.example.com:9100 1GiB;b.example.com:9100 2kiB;c.example.com:9100 0.25B;",
        alert("{{ range query \"disk_free\" | sortByLabel \"instance\" }}{{ .Labels.instance }} "
            + "{{ .Value | humanize1024 }}B;{{ end }}"));
    assertEquals("2048", alert("{{ query \"disk_free{dev=\\\"sdb\\\"}\" | first | value }}"));
  }

  @Test
  void queryErrorsBecomeErrorCallingQuery() {
    QueryFunction failing = q -> {
      throw new QueryFunction.QueryException("1:6: parse error: unclosed left parenthesis");
    };
    TemplateException e = assertThrows(TemplateException.class,
        () -> TemplateExpander.expand("t", "{{ query \"rate(\" }}", DATA, failing));
    assertEquals("error executing template t: template: t:1:3: executing \"t\" at <query \"rate(\">: "
        + "error calling query: 1:6: parse error: unclosed left parenthesis", e.getMessage());
  }

  @Test
  void humanizeFamily() {
    assertEquals("1.235M 1Gi 1d 1h 1m 1s 12.35% 1970-01-01 00:00:01 +0000 UTC",
        plain("{{ humanize 1234567 }} {{ humanize1024 1073741824 }} {{ humanizeDuration 90061 }} "
            + "{{ humanizePercentage 0.12345 }} {{ humanizeTimestamp 1 }}"));
    assertEquals("100m 1.5s 500ms", plain("{{ humanize 0.1 }} {{ humanizeDuration 1.5 }} {{ humanizeDuration 0.5 }}"));
  }

  @Test
  void stringFunctions() {
    assertEquals("Hello World|WEB|web|web-1|web-1.example.org|true",
        alert("{{ title \"hello world\" }}|{{ toUpper $labels.job }}|{{ toLower \"WEB\" }}|"
            + "{{ stripDomain \"web-1.example.org\" }}|{{ stripPort $labels.instance }}|"
            + "{{ match \"^web\" $labels.job }}"));
    assertEquals("web-1", alert("{{ reReplaceAll \"^([^.]+)\\\\..*$\" \"$1\" $labels.instance }}"));
    assertEquals("5400", alert("{{ parseDuration \"1h30m\" }}"));
  }

  @Test
  void parseErrorsUseGoTexts() {
    TemplateException e = assertThrows(TemplateException.class, () -> TemplateExpander.parseOnly("n", "{{ nope }}"));
    assertEquals("template: n:1: function \"nope\" not defined", e.getMessage());
    e = assertThrows(TemplateException.class, () -> TemplateExpander.parseOnly("n", "a\n{{ if 1 }}"));
    assertEquals("template: n:2: unexpected EOF", e.getMessage());
    e = assertThrows(TemplateException.class, () -> TemplateExpander.parseOnly("n", "{{ \"x\n }}"));
    assertEquals("template: n:1: unterminated quoted string", e.getMessage());
    e = assertThrows(TemplateException.class, () -> TemplateExpander.parseOnly("n", "{{ \"x\"\n"));
    assertEquals("template: n:2: unclosed action started at n:1", e.getMessage());
  }

  @Test
  void expandWrapsParseAndExecutionErrorsAsPrometheusDoes() {
    TemplateException e = assertThrows(TemplateException.class, () -> plain("{{ x }}"));
    assertEquals("error parsing template t: template: t:1: function \"x\" not defined", e.getMessage());
    e = assertThrows(TemplateException.class, () -> plain("{{ humanize \"x\" }}"));
    assertEquals("error executing template t: template: t:1:3: executing \"t\" at <humanize \"x\">: error calling "
        + "humanize: strconv.ParseFloat: parsing \"x\": invalid syntax", e.getMessage());
    assertEquals("<error expanding template: error parsing template __alert_Test: template: __alert_Test:1: "
        + "unexpected {{end}}>", alert("{{ end }}"));
  }

  @Test
  void goFmtVerbs() {
    assertEquals("3.14|  3.1|00042|ff|\"q\"|1e+06|%!d(string=x)|%!d(MISSING)",
        GoFmt.sprintf("%.2f|%5.1f|%05d|%x|%q|%v|%d|%d", List.of(3.14159, 3.14159, 42L, 255L, "q", 1e6, "x")));
    assertEquals("a%!(EXTRA int=1)", GoFmt.sprintf("a", List.of(1L)));
  }

  @Test
  void goFloatPrinting() {
    assertEquals("1 0.5 1e+21 1e+06 100000 1e-05 NaN +Inf -Inf",
        GoFmt.sprint(List.of(1.0, " ", 0.5, " ", 1e21, " ", 1e6, " ", 1e5, " ", 1e-5, " ", Double.NaN, " ",
            Double.POSITIVE_INFINITY, " ", Double.NEGATIVE_INFINITY)));
    assertEquals("1e+05 1234 12 0.0001234 1.5", GoFmt.sprintf("%.4g %.4g %.4g %.4g %.4g",
        List.of(100000.0, 1234.5, 12.0, 0.0001234, 1.5)));
  }
}
