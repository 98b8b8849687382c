package io.thanosjvm.app.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThanosToolsMainTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return ThanosToolsMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndUnknownCommandsExitWithTwo() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("tsdb dump").contains("blocks generate");
    assertThat(run("tsdb", "frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command: tsdb frobnicate");
    assertThat(run("tsdb", "dump", "--bogus=1", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown flag --bogus");
  }

  @Test
  void generateThenDumpAndAnalyzeThroughTheEntryPoint() {
    Path dir = tmp.resolve("blocks");
    assertThat(run("blocks", "generate", "--output-dir", dir.toString(), "--series", "26", "--duration", "2h",
        "--step", "60s", "--seed", "3", "--start", "2023-11-14T22:00:00Z", "--external-label", "cluster=a")).isZero();
    assertThat(out.toString().lines()).hasSize(1);
    assertThat(run("tsdb", "dump", dir.toString(), "--match", "gen_http_requests_total{instance=\"host-0000001\"}"))
        .isZero();
    assertThat(out.toString().lines()).hasSize(120)
        .allMatch(l -> l.startsWith("{__name__=\"gen_http_requests_total\", instance=\"host-0000001\""));
    assertThat(run("tsdb", "analyze", dir.toString())).isZero();
    assertThat(out.toString()).contains("Series: 26").contains("Chunks: 26").contains("Highest cardinality labels:");
  }

  @Test
  void rulesCheckIsRoutedAndFailsWithExitCodeOne() throws Exception {
    Path ok = tmp.resolve("ok.yml");
    java.nio.file.Files.writeString(ok, "groups:\n  - name: g\n    partial_response_strategy: warn\n    rules:\n"
        + "      - record: a:b\n        expr: vector(1)\n");
    assertThat(run("rules-check", "--rules=" + ok)).isZero();
    assertThat(out.toString()).contains("SUCCESS: 1 rules found");
    assertThat(run("rules-check", "--rules=" + tmp.resolve("none.yml"))).isEqualTo(1);
    assertThat(run("rules-check")).isEqualTo(2);
  }
}
