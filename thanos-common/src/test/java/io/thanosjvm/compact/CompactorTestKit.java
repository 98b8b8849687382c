package io.thanosjvm.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.DeduplicateFilter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.BlockSeries;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Blocks, uploads and checks shared by the compactor tests (also used by the crash test's child JVM). */
public final class CompactorTestKit {

  /** One hour in ms. */
  public static final long HOUR = 3_600_000L;
  /** One day in ms. */
  public static final long DAY = 24 * HOUR;

  private CompactorTestKit() {}

  /**
   * Generates blocks with the block generator.
   *
   * @param start first sample (ms); block windows are aligned to multiples of {@code blockMs}
   * @param ulidTime time encoded in the blocks' ULIDs
   * @return the block directories in time order
   */
  public static List<Path> generate(Path dir, int series, long start, long durationMs, long stepMs, long blockMs,
      long seed, Map<String, String> labels, Instant ulidTime) throws IOException {
    GenerateCommand gen = new GenerateCommand(Clock.fixed(ulidTime, ZoneOffset.UTC));
    List<Path> out = new ArrayList<>();
    for (BlockMeta m : gen.generate(new GenerateCommand.Options(dir, series, start, durationMs, stepMs, blockMs, seed,
        new TreeMap<>(labels)))) {
      out.add(dir.resolve(m.ulid()));
    }
    return out;
  }

  /** Uploads the blocks as a sidecar would, stamped with {@code clock}. */
  public static void upload(Bucket bucket, Clock clock, List<Path> blocks, Map<String, String> labels)
      throws IOException {
    for (Path b : blocks) {
      new BlockUploader(bucket, clock).upload(b, new UploadOptions(labels, "sidecar", 0, true));
    }
  }

  /** Every sample of a local block: series labels to (timestamp to value bits). */
  public static SortedMap<String, SortedMap<Long, Long>> samples(Path blockDir) throws IOException {
    SortedMap<String, SortedMap<Long, Long>> out = new TreeMap<>();
    addSamples(blockDir, out);
    return out;
  }

  /** Adds a block's samples to {@code into}, failing on a timestamp seen before with another value. */
  public static void addSamples(Path blockDir, SortedMap<String, SortedMap<Long, Long>> into) throws IOException {
    try (Block b = Block.open(blockDir)) {
      Iterator<BlockSeries> it = b.select(TimeRange.ALL, List.of(Matcher.regex("__name__", ".+")));
      while (it.hasNext()) {
        BlockSeries s = it.next();
        SortedMap<Long, Long> m = into.computeIfAbsent(s.labels().toString(), k -> new TreeMap<>());
        SampleIterator si = s.iterator();
        while (si.next()) {
          long bits = Double.doubleToRawLongBits(si.atV());
          Long prev = m.put(si.atT(), bits);
          assertThat(prev == null || prev == bits).as("%s at %s in %s", s.labels(), si.atT(), blockDir).isTrue();
        }
      }
    }
  }

  /** The union of the samples of local blocks. */
  public static SortedMap<String, SortedMap<Long, Long>> union(List<Path> blocks) throws IOException {
    SortedMap<String, SortedMap<Long, Long>> out = new TreeMap<>();
    for (Path b : blocks) {
      addSamples(b, out);
    }
    return out;
  }

  /** Blocks a reader sees: every block with a meta.json, minus those another block's sources cover. */
  public static Map<String, BlockMeta> visible(Bucket bucket) throws IOException {
    return new MetaFetcher(bucket, 4, List.of(new DeduplicateFilter()), new FetcherMetrics(new SimpleMeterRegistry()))
        .fetch().metas();
  }

  /** The visible blocks of one resolution. */
  public static List<BlockMeta> visible(Bucket bucket, long resolution) throws IOException {
    return visible(bucket).values().stream()
        .filter(m -> m.thanos().map(ThanosMeta::resolution).orElse(0L) == resolution).toList();
  }

  /** Downloads the visible raw blocks into {@code work} and returns the union of their samples. */
  public static SortedMap<String, SortedMap<Long, Long>> visibleRawSamples(Bucket bucket, Path work)
      throws IOException {
    Files.createDirectories(work);
    List<Path> dirs = new ArrayList<>();
    for (BlockMeta m : visible(bucket, 0)) {
      dirs.add(new BlockDownloader(bucket).download(m.ulid(), work));
    }
    SortedMap<String, SortedMap<Long, Long>> out = union(dirs);
    Promtool.deleteTree(work);
    return out;
  }

  /** ULIDs of the blocks carrying a deletion mark. */
  public static TreeSet<String> markedForDeletion(Bucket bucket) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (String id : blockDirs(bucket)) {
      if (bucket.exists(id + "/" + MarkerKind.DELETION.fileName())) {
        out.add(id);
      }
    }
    return out;
  }

  /** ULIDs of every block directory in the bucket (with or without meta.json). */
  public static TreeSet<String> blockDirs(Bucket bucket) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    bucket.iter("", name -> {
      if (name.endsWith("/") && BlockMeta.isUlid(name.substring(0, name.length() - 1))) {
        ids.add(name.substring(0, name.length() - 1));
      }
    });
    return ids;
  }

  /** Fails unless every block with a meta.json has all the files it lists, at the listed sizes. */
  public static void assertEveryVisibleBlockIsWhole(Bucket bucket) throws IOException {
    for (String id : blockDirs(bucket)) {
      if (!bucket.exists(id + "/meta.json")) {
        continue;
      }
      BlockMeta meta;
      try (var in = bucket.get(id + "/meta.json")) {
        meta = BlockMeta.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), id);
      }
      List<BlockFile> files = meta.thanos().orElseThrow().files();
      assertThat(files).extracting(BlockFile::relPath).as("files of %s", id).contains("index", "chunks/000001");
      for (BlockFile f : files) {
        if (!f.relPath().equals("meta.json")) {
          assertThat(bucket.attributes(id + "/" + f.relPath()).size()).as("%s/%s", id, f.relPath())
              .isEqualTo(f.sizeBytes());
        }
      }
    }
  }
}
