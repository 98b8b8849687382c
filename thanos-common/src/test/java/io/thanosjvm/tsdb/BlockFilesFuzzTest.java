package io.thanosjvm.tsdb;

import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tsdb.chunkenc.ChunkFormatException;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.testing.fuzz.Fuzzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block whose index, chunk segment or meta.json was mutated: opening and reading every series and sample either
 * works or fails with the block readers' typed errors ({@link CorruptBlockException}, {@link ChunkFormatException},
 * {@link InvalidMetaException}), never another exception, a hang or an allocation the file size does not justify.
 */
class BlockFilesFuzzTest {

  @TempDir
  static Path tmp;
  private static Path original;

  @BeforeAll
  static void block() throws IOException {
    List<BlockMeta> metas = TestBlocks.generate(tmp.resolve("bucket"), 6, 2, Map.of("cluster", "fuzz"));
    original = tmp.resolve("bucket").resolve(metas.get(0).ulid());
  }

  @Test
  void mutatedIndex() throws IOException {
    fuzzFile("index", "index", 6_000);
  }

  @Test
  void mutatedChunkSegment() throws IOException {
    fuzzFile("chunk-segment", "chunks/000001", 6_000);
  }

  @Test
  void mutatedMetaJson() throws IOException {
    byte[] meta = Files.readAllBytes(original.resolve("meta.json"));
    Fuzzer.named("meta.json")
        .corpus(List.of(meta))
        .dictionary(List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e400", "\"ulid\"",
                "\"minTime\"", "\"version\"", "\"thanos\"", "\"labels\"", "\"compaction\"", "\\u0000", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
            .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList())
        .expecting(InvalidMetaException.class)
        .iterations(20_000)
        .run(input -> BlockMeta.parse(new String(input, StandardCharsets.UTF_8), "meta.json"))
        .assertNoFindings();
  }

  private static void fuzzFile(String name, String file, int iterations) throws IOException {
    Path work = tmp.resolve("work-" + name);
    copyBlock(original, work);
    Fuzzer.named(name)
        .corpus(List.of(Files.readAllBytes(original.resolve(file))))
        .expecting(CorruptBlockException.class, ChunkFormatException.class)
        .allocationBudget(len -> (32L << 20) + 64L * len)
        .iterations(iterations)
        .run(input -> {
          Files.write(work.resolve(file), input);
          readEverything(work);
        })
        .assertNoFindings();
  }

  private static void readEverything(Path dir) throws IOException {
    try (Block b = Block.open(dir)) {
      b.index().symbols();
      for (String n : b.index().labelNames()) {
        for (String v : b.index().labelValues(n)) {
          b.index().postings(n, v);
        }
      }
      Iterator<BlockSeries> it = b.select(new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE),
          List.of(Matcher.regex("__name__", ".+")));
      while (it.hasNext()) {
        SampleIterator s = it.next().iterator();
        while (s.next()) {
          s.atT();
        }
      }
    }
  }

  private static void copyBlock(Path from, Path to) throws IOException {
    Files.createDirectories(to.resolve("chunks"));
    for (String f : List.of("meta.json", "index", "chunks/000001")) {
      Files.copy(from.resolve(f), to.resolve(f));
    }
    if (Files.exists(from.resolve("tombstones"))) {
      Files.copy(from.resolve("tombstones"), to.resolve("tombstones"));
    }
  }
}
