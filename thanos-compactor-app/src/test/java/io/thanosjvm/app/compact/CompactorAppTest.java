package io.thanosjvm.app.compact;

import io.thanosjvm.compact.BlockViewer;
import io.thanosjvm.autoconfigure.CompactorRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tools.blocks.GenerateCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos compact} started from Thanos flags over a filesystem bucket of generated blocks: one run compacts
 * four 2h blocks into an 8h block and marks the sources for deletion (exit code 0); overlapping blocks without
 * vertical compaction halt it (exit code 1, metric and health detail while waiting, readiness still up); the
 * block viewer API lists the bucket; a missing bucket or a bad retention is refused at start-up.
 */
class CompactorAppTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long H = 3_600_000L;
  /** An 8h-aligned start in the past (the planner looks at block time ranges, not at the wall clock). */
  private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

  @TempDir Path tmp;

  private List<BlockMeta> upload(Path bucketDir, long start, long durationMs, long seed) throws Exception {
    Path local = Files.createDirectories(tmp.resolve("gen-" + seed));
    List<BlockMeta> metas = new GenerateCommand(Clock.systemUTC()).generate(new GenerateCommand.Options(local, 20,
        start, durationMs, 60_000, 2 * H, seed, new TreeMap<>(Map.of("cluster", "eu"))));
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      for (BlockMeta m : metas) {
        new BlockUploader(bucket, Clock.systemUTC()).upload(local.resolve(m.ulid()),
            new UploadOptions(Map.of("cluster", "eu"), "sidecar", 0, true));
      }
    }
    return metas;
  }

  private ConfigurableApplicationContext start(Path bucketDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("--http-address=127.0.0.1:0",
        "--objstore.config=type: FILESYSTEM\nconfig:\n  directory: " + bucketDir, "--data-dir=" + tmp.resolve("data"),
        "--consistency-delay=0s"));
    args.addAll(List.of(extra));
    int[] exit = {0};
    return ThanosCompactorApplication.run(ThanosCommandLine.prepare("compact", args.toArray(String[]::new),
        System.out, System.err, exit));
  }

  private static String get(ConfigurableApplicationContext app, String path) throws Exception {
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  /** Block directories of the bucket holding an object with this name. */
  private static List<String> blocksWith(Path bucketDir, String name) throws Exception {
    try (Stream<Path> s = Files.walk(bucketDir)) {
      return s.filter(p -> p.getFileName().toString().equals(name))
          .map(p -> bucketDir.relativize(p).getName(0).toString()).sorted().toList();
    }
  }

  @Test
  void oneRunCompactsAdjacentBlocksAndMarksTheSourcesForDeletion() throws Exception {
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    List<BlockMeta> sources = upload(bucketDir, START, 10 * H, 1);
    assertThat(sources).hasSize(5);
    try (ConfigurableApplicationContext app = start(bucketDir, "--hash-func=SHA256",
        "--compact.blocks-fetch-concurrency=2", "--block-files-concurrency=2")) {
      assertThat(app.getBean(CompactorRunner.class).runOnce()).isZero();
      List<String> firstFour = sources.subList(0, 4).stream().map(BlockMeta::ulid).sorted().toList();
      List<BlockMeta> metas = new ArrayList<>();
      for (String id : blocksWith(bucketDir, "meta.json")) {
        metas.add(BlockMeta.read(bucketDir.resolve(id).resolve("meta.json")));
      }
      BlockMeta compacted = metas.stream().filter(m -> m.compactionLevel() == 2).findFirst().orElseThrow();
      assertThat(compacted.sources()).containsExactlyElementsOf(firstFour);
      assertThat(compacted.minTime()).isEqualTo(START);
      assertThat(compacted.maxTime()).isEqualTo(START + 8 * H);
      assertThat(compacted.thanos().orElseThrow().source()).isEqualTo("compactor");
      assertThat(compacted.thanos().orElseThrow().files()).filteredOn(f -> !f.relPath().equals("meta.json"))
          .isNotEmpty().allSatisfy(f -> assertThat(f.hashFunc()).as("--hash-func=SHA256").isEqualTo("SHA256"));
      assertThat(compacted.thanos().orElseThrow().labels()).containsExactlyEntriesOf(Map.of("cluster", "eu"));
      assertThat(compacted.numSamples())
          .isEqualTo(sources.subList(0, 4).stream().mapToLong(BlockMeta::numSamples).sum());
      assertThat(blocksWith(bucketDir, "deletion-mark.json")).as("sources marked, nothing deleted before the delay")
          .containsExactlyElementsOf(firstFour);
      assertThat(blocksWith(bucketDir, "meta.json")).contains(sources.get(4).ulid()).containsAll(firstFour);

      String metrics = get(app, "/metrics");
      assertThat(metrics).containsPattern("(?m)^thanos_compact_halted(\\{})? 0")
          .containsPattern("(?m)^thanos_compact_iterations_total(\\{})? 1");
      app.getBean(BlockViewer.class).refresh();
      String blocks = get(app, "/api/v1/blocks");
      assertThat(blocks).startsWith("{\"status\":\"success\",\"data\":{\"blocks\":[").contains(compacted.ulid())
          .contains("\"refreshedAt\":");
      assertThat(get(app, "/blocks")).contains("<title>Thanos — blocks</title>");
    }
  }

  @Test
  void overlappingBlocksWithoutVerticalCompactionHaltLoudlyButStayReady() throws Exception {
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    List<BlockMeta> a = upload(bucketDir, START, 4 * H, 1);
    List<BlockMeta> b = upload(bucketDir, START, 4 * H, 2);
    try (ConfigurableApplicationContext app = start(bucketDir, "--wait", "--wait-interval=1h")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      String metrics = get(app, "/metrics");
      while (!metrics.contains("thanos_compact_halted 1") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        metrics = get(app, "/metrics");
      }
      assertThat(metrics).containsPattern("(?m)^thanos_compact_halted(\\{})? 1");
      assertThat(get(app, "/-/ready")).isEqualTo("OK");
      HealthIndicator health = app.getBean("compactor", HealthIndicator.class);
      assertThat(health.health(true).getStatus()).isEqualTo(CompactorConfiguration.HALTED);
      assertThat(blocksWith(bucketDir, "deletion-mark.json")).as("a halted compactor deletes nothing").isEmpty();
      assertThat(blocksWith(bucketDir, "meta.json")).hasSize(a.size() + b.size());
      assertThat(app.getBean(CompactorRunner.class).runOnce()).as("exit code of a halted run").isEqualTo(1);
    }
  }

  @Test
  void startUpRefusesAMissingBucketAndARetentionShorterThanDownsamplingNeeds() {
    int[] exit = {0};
    assertThatThrownBy(() -> ThanosCompactorApplication.run(ThanosCommandLine.prepare("compact",
        new String[] {"--http-address=127.0.0.1:0"}, System.out, System.err, exit)))
        .hasStackTraceContaining("thanos compact needs a bucket");
    assertThatThrownBy(() -> start(tmp, "--retention.resolution-raw=1d"))
        .hasStackTraceContaining("raw resolution must be higher than the minimum block size");
  }
}
