package io.thanosjvm.rules.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the golden corpus through the real {@code promtool} 2.42 at test time, so the stored expectations cannot go
 * stale: every expansion template becomes an annotation of an alerting rule evaluated by {@code promtool test rules}
 * (its failure report prints the annotations it got), every parse-error case a rule checked by {@code promtool check
 * rules}; each result must equal both the stored expectation and this package's rendering. Same series and rules as
 * {@code generate-golden.py}.
 */
class TemplatePromtoolLiveTest {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Map<String, String> EXPRS = Map.of("A", "test_metric", "B", "big_metric", "C",
      "vector(-0.000123)");
  private static final String[][] SERIES = {
      {"test_metric{job=\"api\", instance=\"host1.example.com:9090\", severity=\"critical\", path=\"/a/b\"}", "0.5x10"},
      {"big_metric{job=\"batch\"}", "1234567890.5x10"},
      {"disk_free{instance=\"b.example.com:9100\", dev=\"sdb\"}", "2048x10"},
      {"disk_free{instance=\"a.example.com:9100\", dev=\"sda\"}", "1073741824x10"},
      {"disk_free{instance=\"c.example.com:9100\", dev=\"sdc\"}", "0.25x10"},
  };
  private static final Pattern GOT = Pattern.compile("(c\\d{5})=(\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern PARSE_ERROR = Pattern.compile("\"(P\\d{5})\": annotation \"a\": (.*)");

  @TempDir
  Path dir;

  @Test
  void promtoolExpandsTheCorpusAsStoredAndAsWeDo() throws Exception {
    assertTrue(Files.isExecutable(PROMTOOL), "promtool 2.42 is missing: run .ci/install-prometheus.sh");
    List<String[]> corpus = TemplateGoldenTest.corpus();
    StringBuilder rules = new StringBuilder("groups:\n- name: golden\n  rules:\n");
    for (String scenario : List.of("A", "B", "C")) {
      rules.append("  - alert: ").append(scenario).append("\n    expr: ").append(yaml(EXPRS.get(scenario)))
          .append("\n    annotations:\n");
      for (int i = 0; i < corpus.size(); i++) {
        if (corpus.get(i)[1].equals(scenario)) {
          rules.append(String.format("      c%05d: %s%n", i, yaml(corpus.get(i)[2])));
        }
      }
    }
    Files.writeString(dir.resolve("rules.yml"), rules, StandardCharsets.UTF_8);
    StringBuilder test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n"
        + "- interval: 1m\n  input_series:\n");
    for (String[] s : SERIES) {
      test.append("  - series: ").append(yaml(s[0])).append("\n    values: ").append(yaml(s[1])).append('\n');
    }
    test.append("  alert_rule_test:\n");
    for (String scenario : List.of("A", "B", "C")) {
      test.append("  - eval_time: 5m\n    alertname: ").append(scenario)
          .append("\n    exp_alerts:\n    - exp_labels: {}\n");
    }
    Files.writeString(dir.resolve("test.yml"), test, StandardCharsets.UTF_8);

    Map<Integer, String> got = new HashMap<>();
    Matcher m = GOT.matcher(run("test", "rules", "test.yml"));
    while (m.find()) {
      got.put(Integer.parseInt(m.group(1).substring(1)), GoStrings.unquote(m.group(2)));
    }
    int checked = 0;
    for (int i = 0; i < corpus.size(); i++) {
      String[] c = corpus.get(i);
      if (c[1].equals("P")) {
        continue;
      }
      String fromPromtool = got.get(i);
      assertEquals(c[3], fromPromtool, "stored expectation is stale for " + c[2]);
      TemplateData data = switch (c[1]) {
        case "A" -> new TemplateData(Map.of("__name__", "test_metric", "instance", "host1.example.com:9090", "job",
            "api", "severity", "critical", "path", "/a/b"), Map.of(), "", 0.5);
        case "B" -> new TemplateData(Map.of("__name__", "big_metric", "job", "batch"), Map.of(), "", 1234567890.5);
        default -> new TemplateData(Map.of(), Map.of(), "", -0.000123);
      };
      assertEquals(fromPromtool, TemplateExpander.expandAlert(c[1], c[2], data, TemplateGoldenTest.QUERIES),
          c[2]);
      checked++;
    }
    assertTrue(checked >= 150, "only " + checked + " expansions checked");
  }

  @Test
  void promtoolRejectsTheParseErrorCasesAsWeDo() throws Exception {
    assertTrue(Files.isExecutable(PROMTOOL), "promtool 2.42 is missing: run .ci/install-prometheus.sh");
    List<String[]> corpus = TemplateGoldenTest.corpus();
    StringBuilder rules = new StringBuilder("groups:\n- name: g\n  rules:\n");
    List<Integer> cases = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      if (corpus.get(i)[1].equals("P")) {
        cases.add(i);
        rules.append(String.format("  - alert: P%05d%n    expr: up%n    annotations:%n      a: %s%n", i,
            yaml(corpus.get(i)[2])));
      }
    }
    Files.writeString(dir.resolve("rules.yml"), rules, StandardCharsets.UTF_8);
    Map<String, String> errors = new HashMap<>();
    Matcher m = PARSE_ERROR.matcher(run("check", "rules", "rules.yml"));
    while (m.find()) {
      errors.put(m.group(1), m.group(2));
    }
    for (int i : cases) {
      String rule = String.format("P%05d", i);
      String fromPromtool = errors.get(rule);
      String ours;
      try {
        TemplateExpander.parseAlertTemplate(rule, corpus.get(i)[2]);
        ours = null;
      } catch (TemplateException e) {
        ours = e.getMessage();
      }
      assertEquals(fromPromtool, ours, corpus.get(i)[2]);
    }
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(PROMTOOL.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    return new String(out, StandardCharsets.UTF_8);
  }

  /** A YAML double-quoted scalar (JSON string syntax). */
  private static String yaml(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
