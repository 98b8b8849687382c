package io.thanosjvm.tools.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our {@code tsdb dump} must print exactly what the real {@code promtool tsdb dump} prints. */
class DumpMatchesPromtoolTest {

  @TempDir
  Path tmp;

  static String ourDump(Path dir, String... flags) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of(flags));
    args.add(dir.toString());
    int code = new DumpCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  static void assertSameLines(String ours, String theirs) {
    String[] a = ours.split("\n", -1);
    String[] b = theirs.split("\n", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) {
        assertThat(a[i]).as("line %d", i + 1).isEqualTo(b[i]);
      }
    }
    assertThat(a.length).as("line count").isEqualTo(b.length);
  }

  @Test
  void dumpOfPromtoolBlocksWithChurnAndSpecialValuesEqualsPromtool() throws Exception {
    Path data = tmp.resolve("data");
    Promtool.makeBlocks(data, "--series", "1000", "--hours", "3", "--step", "60", "--seed", "11", "--churn", "--special");
    String theirs = Promtool.dump(data);
    String ours = ourDump(data);
    assertThat(theirs.lines().count()).isGreaterThan(150_000);
    assertThat(theirs).contains("NaN").contains("+Inf").contains("-Inf").contains("e+");
    assertSameLines(ours, theirs);
  }

  @Test
  void dumpOfEachSingleBlockEqualsPromtoolForSeveralSeeds() throws Exception {
    for (int seed : new int[] {1, 2}) {
      Path data = tmp.resolve("seed" + seed);
      Promtool.makeBlocks(data, "--series", "200", "--hours", "3", "--step", "60", "--seed",
          Integer.toString(seed), "--special");
      for (Path block : Promtool.blocks(data)) {
        Path single = tmp.resolve("single-" + seed + "-" + block.getFileName());
        Promtool.copyTree(block, single.resolve(block.getFileName().toString()));
        assertSameLines(ourDump(block), Promtool.dump(single));
      }
    }
  }

  @Test
  void matchAndTimeFlagsSelectLikePromtool() throws Exception {
    Path data = tmp.resolve("data");
    Promtool.makeBlocks(data, "--series", "200", "--hours", "4", "--seed", "5", "--special");
    String sel = "{__name__=~\"demo_latency.*\",le!=\"+Inf\",zone=~\"z[01]\"}";
    String theirs = Promtool.dump(data, "--match=" + sel, "--min-time=1700000000000", "--max-time=1700008000000");
    String ours = ourDump(data, "--match=" + sel, "--min-time=1700000000000", "--max-time=1700008000000");
    assertThat(theirs).isNotEmpty();
    assertSameLines(ours, theirs);
  }
}
