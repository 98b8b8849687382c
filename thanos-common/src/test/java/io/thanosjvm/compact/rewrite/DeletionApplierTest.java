package io.thanosjvm.compact.rewrite;

import static io.thanosjvm.compact.CompactorTestKit.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.deletion.DeleteRequestStore;
import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.CompactorTestKit;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compactor's deletion pass over generated blocks in a filesystem bucket: exactly the selected samples in the
 * range go, the new blocks record the request id, the old ones are marked, and a second pass, a restarted applier or a
 * request that deletes nothing rewrites nothing; a block uploaded later is handled on the next pass.
 */
class DeletionApplierTest {

  private static final long START = 1_700_006_400_000L; // 2h-aligned
  private static final Instant ULID_TIME = Instant.parse("2023-11-15T12:00:00Z");

  @TempDir
  Path dir;

  private final Clock clock = Clock.systemUTC();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private DeletionApplier applier(FilesystemBucket bucket) {
    return new DeletionApplier(bucket, dir.resolve("work"), clock, registry, 4);
  }

  /** The samples of the blocks not marked for deletion. */
  private SortedMap<String, SortedMap<Long, Long>> live(FilesystemBucket bucket, String sub) throws Exception {
    List<Path> dirs = new ArrayList<>();
    var marked = CompactorTestKit.markedForDeletion(bucket);
    for (String id : CompactorTestKit.blockDirs(bucket)) {
      if (!marked.contains(id)) {
        dirs.add(new BlockDownloader(bucket).download(id, dir.resolve(sub)));
      }
    }
    return CompactorTestKit.union(dirs);
  }

  @Test
  void appliesExactlyTheRequestOnceAndHandlesLaterBlocksOnTheNextPass() throws Exception {
    FilesystemBucket bucket = new FilesystemBucket(dir.resolve("bucket"));
    List<Path> blocks = CompactorTestKit.generate(dir.resolve("gen"), 6, START, 6 * HOUR, 60_000, 2 * HOUR, 7,
        Map.of(), ULID_TIME);
    assertThat(blocks).hasSize(3);
    CompactorTestKit.upload(bucket, clock, blocks, Map.of("cluster", "a"));
    SortedMap<String, SortedMap<Long, Long>> original = CompactorTestKit.union(blocks);
    String victim = original.firstKey();
    long from = START + 90 * 60_000L;
    long to = START + 150 * 60_000L;
    DeleteSeriesRequest request = DeleteSeriesRequest.of(List.of(victim), from, to, clock.millis());
    new DeleteRequestStore(bucket).record(request);
    // selects nothing: must not rewrite anything
    new DeleteRequestStore(bucket).record(DeleteSeriesRequest.of(List.of("{__name__=\"nothing_here\"}"),
        START, START + 6 * HOUR, clock.millis()));

    DeletionApplier.Result first = applier(bucket).apply();

    // both requests are recorded on each rewritten block (the empty one rides along); the third block is only read
    assertThat(first).isEqualTo(new DeletionApplier.Result(2, 4));
    assertThat(CompactorTestKit.markedForDeletion(bucket)).containsExactlyInAnyOrder(
        blocks.get(0).getFileName().toString(), blocks.get(1).getFileName().toString());
    SortedMap<String, SortedMap<Long, Long>> expected = new TreeMap<>();
    original.forEach((series, samples) -> {
      SortedMap<Long, Long> kept = new TreeMap<>(samples);
      if (series.equals(victim)) {
        kept.keySet().removeIf(t -> t >= from && t <= to);
      }
      expected.put(series, kept);
    });
    assertThat(live(bucket, "after-1")).isEqualTo(expected);
    for (BlockMeta m : CompactorTestKit.visible(bucket).values()) {
      if (!CompactorTestKit.markedForDeletion(bucket).contains(m.ulid())
          && !m.ulid().equals(blocks.get(2).getFileName().toString())) {
        assertThat(m.thanos().map(ThanosMeta::appliedDeletionRequestIds).orElseThrow())
            .contains(request.requestId()).hasSize(2);
        assertThat(m.thanos().orElseThrow().labels()).containsEntry("cluster", "a");
        assertThat(m.thanos().orElseThrow().source()).isEqualTo(DeletionApplier.SOURCE);
      }
    }
    assertThat(registry.counter("thanos_compact_deletion_requests_applied_total").count()).isEqualTo(4);

    assertThat(applier(bucket).apply()).as("a restarted compactor").isEqualTo(new DeletionApplier.Result(0, 0));

    // a block uploaded later, overlapping the range (another cluster): handled on the next pass
    List<Path> late = CompactorTestKit.generate(dir.resolve("late"), 6, START + 2 * HOUR, 2 * HOUR, 60_000,
        2 * HOUR, 7, Map.of(), ULID_TIME.plusSeconds(60));
    CompactorTestKit.upload(bucket, clock, late, Map.of("cluster", "b"));
    DeletionApplier again = applier(bucket);
    assertThat(again.apply()).isEqualTo(new DeletionApplier.Result(1, 2));
    assertThat(again.apply()).isEqualTo(new DeletionApplier.Result(0, 0));
    assertThat(CompactorTestKit.markedForDeletion(bucket)).contains(late.get(0).getFileName().toString());
  }

  @Test
  void requestsBecomeThanosDeletionRequestsOnePerSelectorWithTheRequestId() {
    DeleteSeriesRequest r = DeleteSeriesRequest.of(List.of("up{job=\"a\"}", "down"), 5, 9, 0);
    List<DeletionRequest> d = DeletionApplier.deletions(List.of(r));
    assertThat(d).hasSize(2);
    assertThat(d).allSatisfy(x -> {
      assertThat(x.requestId()).isEqualTo(r.requestId());
      assertThat(x.deleted()).containsExactly(new io.thanosjvm.tsdb.Tombstones.Interval(5, 9));
    });
    assertThat(d.get(0).selects(Labels.of("__name__", "up", "job", "a"))).isTrue();
    assertThat(d.get(1).selects(Labels.of("__name__", "up", "job", "a"))).isFalse();
  }
}
