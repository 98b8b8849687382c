package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactorTestKit.DAY;
import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link BucketCompactor} treats failing uploads, failing compactions and several groups. */
class BucketCompactorErrorsTest {

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private List<Path> tenHours(Bucket bucket, String sub, long seed, Map<String, String> labels) throws Exception {
    long start = Math.floorDiv(clock.millis() - 3 * DAY, 2 * DAY) * 2 * DAY;
    List<Path> blocks = CompactorTestKit.generate(dir.resolve(sub), 3, start, 10 * HOUR, 60_000, 2 * HOUR, seed,
        labels, clock.instant().minus(Duration.ofHours(3)));
    CompactorTestKit.upload(bucket, clock, blocks, labels);
    return blocks;
  }

  @Test
  void aFailedUploadIsRetriedNextIterationAndNoSourceIsMarkedBeforeTheUploadCompleted() throws Exception {
    Bucket inner = new FilesystemBucket(dir.resolve("bucket"));
    List<Path> blocks = tenHours(inner, "in", 1, Map.of("cluster", "eu1"));
    FaultyBucket bucket = new FaultyBucket(inner, name -> name.endsWith("/index"));
    clock.advance(Duration.ofHours(1));
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data")).build(),
        new BlockCompactor(), clock, registry);

    IterationResult failed = compactor.runIteration();

    assertThat(failed.outcome()).isEqualTo(IterationResult.Outcome.RETRY);
    assertThat(failed.error()).get().asString().contains("injected upload failure");
    assertThat(CompactionScenario.counter(registry, "thanos_compact_retries")).isEqualTo(1);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_group_compactions_failures", "resolution", "0"))
        .isEqualTo(1);
    assertThat(CompactorTestKit.markedForDeletion(inner)).isEmpty();
    assertThat(CompactorTestKit.blockDirs(inner)).as("the half upload was removed").hasSize(5);
    assertThat(compactor.halted()).isFalse();

    bucket.failing = false;
    IterationResult retried = compactor.runIteration();
    assertThat(retried.outcome()).isEqualTo(IterationResult.Outcome.COMPLETED);
    assertThat(retried.compactions()).isEqualTo(1);
    assertThat(CompactorTestKit.markedForDeletion(inner)).hasSize(4);
    assertThat(CompactorTestKit.visibleRawSamples(inner, dir.resolve("check")))
        .isEqualTo(CompactorTestKit.union(blocks));
  }

  @Test
  void aFailingCompactionHaltsNamingTheBlocks() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    List<Path> blocks = tenHours(bucket, "in", 1, Map.of("cluster", "eu1"));
    clock.advance(Duration.ofHours(1));
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data")).build(),
        (group, dirs, out, ulid) -> {
          throw new IOException("no space left on device");
        }, clock, registry);

    IterationResult r = compactor.runIteration();

    assertThat(r.outcome()).isEqualTo(IterationResult.Outcome.HALTED);
    HaltException halt = (HaltException) r.error().orElseThrow();
    assertThat(halt.getMessage()).contains("no space left on device");
    assertThat(halt.blockIds()).containsExactlyElementsOf(
        blocks.subList(0, 4).stream().map(p -> p.getFileName().toString()).toList());
    assertThat(CompactorTestKit.markedForDeletion(bucket)).isEmpty();
    assertThat(registry.get("thanos_compact_halted").gauge().value()).isEqualTo(1);
  }

  @Test
  void severalGroupsAreCompactedConcurrently() throws Exception {
    Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    tenHours(bucket, "eu", 1, Map.of("cluster", "eu1"));
    tenHours(bucket, "us", 2, Map.of("cluster", "us1"));
    tenHours(bucket, "ap", 3, Map.of("cluster", "ap1"));
    clock.advance(Duration.ofHours(1));
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(dir.resolve("data"))
        .concurrency(2, 1).build(), new BlockCompactor(), clock, registry);

    IterationResult r = compactor.runIteration();

    assertThat(r.compactions()).isEqualTo(3);
    assertThat(CompactorTestKit.markedForDeletion(bucket)).hasSize(12);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_group_compactions", "resolution", "0"))
        .isEqualTo(3);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_group_compaction_runs_started", "resolution",
        "0")).as("three groups compacted, then planned idle once each").isEqualTo(6);
    assertThat(CompactionScenario.counter(registry, "thanos_compact_group_compaction_runs_completed", "resolution",
        "0")).isEqualTo(6);
  }
}
