package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Real TSDB blocks for tests, written by the {@code blocks generate} tool with a fixed clock. */
public final class TestBlocks {

  /** 2024-06-20T00:00:00Z. */
  public static final long START = 1_718_841_600_000L;

  private TestBlocks() {}

  /** Generates {@code hours / 2} two-hour blocks of {@code series} series under {@code dir}. */
  public static List<BlockMeta> generate(Path dir, int series, int hours, Map<String, String> labels)
      throws IOException {
    GenerateCommand gen = new GenerateCommand(Clock.fixed(Instant.ofEpochMilli(START + hours * 3_600_000L),
        ZoneOffset.UTC));
    return gen.generate(new GenerateCommand.Options(dir, series, START, hours * 3_600_000L, 60_000, 7_200_000, 7,
        new TreeMap<>(labels)));
  }
}
