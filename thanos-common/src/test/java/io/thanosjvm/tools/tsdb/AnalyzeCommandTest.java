package io.thanosjvm.tools.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  @TempDir
  Path tmp;

  @Test
  void headlineFiguresAndMostCommonPairsAgreeWithPromtoolAnalyze() throws Exception {
    Path data = tmp.resolve("prom");
    Promtool.makeBlocks(data, "--series", "150", "--hours", "2", "--step", "60", "--seed", "8", "--special");
    for (Path block : Promtool.blocks(data)) {
      String id = block.getFileName().toString();
      List<String> theirs = Promtool.analyze(data, id).lines().toList();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(new AnalyzeCommand().run(List.of(data.toString(), id, "--limit=5"),
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
      List<String> ours = out.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(ours.subList(0, 6)).containsExactlyElementsOf(theirs.subList(0, 6));
      int t = theirs.indexOf("Most common label pairs:");
      int o = ours.indexOf("Most common label pairs:");
      assertThat(ours.get(o + 1).split(" ")[0]).isEqualTo(theirs.get(t + 1).split(" ")[0]);
      BlockMeta meta = BlockMeta.read(block.resolve("meta.json"));
      assertThat(ours).contains("Chunks: " + meta.numChunks(), "Samples (meta.json): " + meta.numSamples());
    }
  }
}
