package io.thanosjvm.tools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules-check} against promtool 2.42 ({@code /usr/bin/promtool}, .ci/install-prometheus.sh) on the same
 * files: Thanos' files (which promtool refuses for the {@code partial_response_strategy} key) are accepted, a
 * Prometheus file gives the same rule count, broken files give promtool's problem lines (without its YAML
 * line:column prefixes).
 */
class RulesCheckCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int check(String... files) {
    out.reset();
    err.reset();
    String[] args = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      args[i] = "--rules=" + files[i];
    }
    return new RulesCheckCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String[] promtool(Path file) throws Exception {
    Path binary = Path.of("/usr/bin/promtool");
    assertThat(Files.isExecutable(binary)).as("promtool missing: run .ci/install-prometheus.sh").isTrue();
    Process p = new ProcessBuilder(binary.toString(), "check", "rules", file.toString()).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String[] {String.valueOf(p.exitValue()), stdout, stderr};
  }

  @Test
  void acceptsThanosFilesThatPromtoolRefusesAndCountsRulesAsPromtool() throws Exception {
    String prometheusFile = """
        groups:
          - name: g
            interval: 30s
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
              - alert: Down
                expr: up == 0
                for: 5m
                labels: {severity: page}
                annotations: {summary: "{{ $labels.instance }} down"}
          - name: h
            rules:
              - record: x:y
                expr: vector(1)
        """;
    Path prom = dir.resolve("prom.yml");
    Files.writeString(prom, prometheusFile);
    Path thanos = dir.resolve("thanos.yml");
    Files.writeString(thanos, prometheusFile.replace("    interval: 30s\n",
        "    interval: 30s\n    partial_response_strategy: warn\n").replace("  - name: h\n",
        "  - name: h\n    partial_response_strategy: ABORT\n"));

    String[] p = promtool(prom);
    assertThat(p[0]).isEqualTo("0");
    assertThat(check(prom.toString())).isZero();
    assertThat(out.toString()).isEqualTo(p[1]);

    String[] t = promtool(thanos);
    assertThat(t[0]).isEqualTo("1");
    assertThat(t[2]).contains("field partial_response_strategy not found in type rulefmt.RuleGroup");
    assertThat(check(thanos.toString())).isZero();
    assertThat(out.toString()).contains("SUCCESS: 3 rules found");

    assertThat(check(dir + "/*.yml")).isZero();
    assertThat(out.toString()).contains("Checking " + prom).contains("Checking " + thanos);
  }

  @Test
  void rejectsBrokenFilesWithPrometheusMessages() throws Exception {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, """
        groups:
          - name: g
            rules:
              - record: job:x
                expr: sum(up
              - record: y
                expr: up
                for: 5m
              - alert: A
                expr: up == 0
                labels:
                  "bad-name": x
          - name: g
            rules: []
        """);
    String[] p = promtool(bad);
    assertThat(p[0]).isEqualTo("1");
    assertThat(check(bad.toString())).isEqualTo(1);
    List<String> ours = err.toString().lines().toList();
    List<String> theirs = p[2].lines().map(l -> l.replaceFirst("^(" + java.util.regex.Pattern.quote(bad.toString())
        + ": )\\d+:\\d+: ", "$1")).toList();
    assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    assertThat(ours).hasSizeGreaterThan(3);

    assertThat(check(dir.resolve("missing-*.yml").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("matching file not found");
    Path wrongStrategy = dir.resolve("s.yml");
    Files.writeString(wrongStrategy, "groups:\n  - name: g\n    partial_response_strategy: maybe\n    rules: []\n");
    assertThat(check(wrongStrategy.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("possible values are warn and abort");
  }
}
