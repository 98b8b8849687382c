package io.thanosjvm.block.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.RecordingBucket;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.Ulid;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sync state of the fetcher over a FILESYSTEM bucket, with a fake clock. */
class MetaFetcherTest {

  private static final Instant NOW = Instant.parse("2024-06-21T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;
  private RecordingBucket bucket;
  private SimpleMeterRegistry registry;
  private final SplittableRandom random = new SplittableRandom(3);

  @BeforeEach
  void setUp() throws Exception {
    bucket = new RecordingBucket(new FilesystemBucket(tmp));
    registry = new SimpleMeterRegistry();
  }

  private String ulidAt(Instant t) {
    return new Ulid(() -> t, random::nextLong).next();
  }

  private void put(String name, String content) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    bucket.upload(name, new ByteArrayInputStream(b), b.length);
  }

  /** Writes a block meta (and an index object) born {@code age} ago, with the given sources and source. */
  @SuppressWarnings("unchecked")
  private String block(Duration age, long minTime, long maxTime, String source, List<String> extraSources,
      String uploadTime) throws Exception {
    String id = ulidAt(NOW.minus(age));
    ThanosMeta t = ThanosMeta.create(Map.of("cluster", "eu1"), 0, source);
    Map<String, Object> doc = BlockMeta.create(id, minTime, maxTime, 10, 1, 1).withThanos(t).document();
    Map<String, Object> comp = (Map<String, Object>) doc.get("compaction");
    List<Object> sources = new ArrayList<>((List<Object>) comp.get("sources"));
    sources.addAll(extraSources);
    comp.put("sources", sources);
    if (uploadTime != null) {
      ((Map<String, Object>) doc.get("thanos")).put("upload_time", uploadTime);
    }
    put(id + "/index", "x");
    put(id + "/meta.json", GoJson.write(doc));
    return id;
  }

  private String block(Duration age) throws Exception {
    return block(age, 0, 7_200_000, "sidecar", List.of(), null);
  }

  private double synced(String state) {
    return registry.get("thanos_blocks_meta_synced").tag("state", state).gauge().value();
  }

  private MetaFetcher fetcher(MetaFilter... filters) {
    return new MetaFetcher(bucket, 4, List.of(filters), new FetcherMetrics(registry));
  }

  @Test
  void loadsEveryUlidDirectoryAndIgnoresOtherNames() throws Exception {
    String a = block(Duration.ofHours(5));
    String b = block(Duration.ofHours(4));
    put("debug/metas/" + a + ".json", "{}");
    put("not-a-block/meta.json", "{}");
    FetchResult r = fetcher().fetch();
    assertThat(r.metas().keySet()).containsExactly(a, b);
    assertThat(r.synced()).containsEntry(SyncState.LOADED, 2L);
    assertThat(synced("loaded")).isEqualTo(2);
    assertThat(registry.get("thanos_blocks_meta_syncs").counter().count()).isEqualTo(1);
    assertThat(registry.get("thanos_blocks_meta_sync_failures").counter().count()).isZero();
  }

  @Test
  void blockDirWithoutMetaJsonIsAPartialUpload() throws Exception {
    String ok = block(Duration.ofHours(5));
    String partial = ulidAt(NOW.minus(Duration.ofHours(3)));
    put(partial + "/chunks/000001", "x");
    FetchResult r = fetcher().fetch();
    assertThat(r.metas().keySet()).containsExactly(ok);
    assertThat(r.partial()).containsOnlyKeys(partial);
    assertThat(synced("no-meta-json")).isEqualTo(1);
    assertThat(synced("loaded")).isEqualTo(1);
  }

  @Test
  void corruptedMetaJsonIsReportedNotLoaded() throws Exception {
    String bad = ulidAt(NOW.minus(Duration.ofHours(3)));
    put(bad + "/meta.json", "{\"ulid\": \"" + bad + "\", \"version\": ");
    String wrongVersion = ulidAt(NOW.minus(Duration.ofHours(2)));
    put(wrongVersion + "/meta.json",
        "{\"ulid\": \"" + wrongVersion + "\", \"minTime\": 0, \"maxTime\": 1, \"version\": 2}");
    String foreign = ulidAt(NOW.minus(Duration.ofHours(2)));
    put(foreign + "/meta.json", BlockMeta.create(bad, 0, 1, 0, 0, 0).toJson());
    FetchResult r = fetcher().fetch();
    assertThat(r.metas()).isEmpty();
    assertThat(r.partial()).containsOnlyKeys(bad, wrongVersion, foreign);
    assertThat(synced("corrupted-meta-json")).isEqualTo(3);
    assertThat(r.failed()).isFalse();
  }

  @Test
  void unreadableMetaJsonCountsAsFailedSync() throws Exception {
    String ok = block(Duration.ofHours(5));
    String broken = block(Duration.ofHours(4));
    bucket.failing = op -> op.equals("get:" + broken + "/meta.json");
    FetchResult r = fetcher().fetch();
    assertThat(r.metas().keySet()).containsExactly(ok);
    assertThat(r.failed()).isTrue();
    assertThat(synced("failed")).isEqualTo(1);
    assertThat(registry.get("thanos_blocks_meta_sync_failures").counter().count()).isEqualTo(1);
  }

  @Test
  void consistencyDelayHidesYoungBlocksExceptCompactorOutput() throws Exception {
    String old = block(Duration.ofHours(2));
    String young = block(Duration.ofMinutes(10));
    String youngCompacted = block(Duration.ofMinutes(10), 0, 7_200_000, "compactor", List.of(), null);
    String oldUlidRecentUpload = block(Duration.ofHours(2), 0, 7_200_000, "sidecar", List.of(),
        "2024-06-21T11:55:00Z");
    String youngUlidZeroUpload = block(Duration.ofMinutes(5), 0, 7_200_000, "sidecar", List.of(),
        "0001-01-01T00:00:00Z");
    FetchResult r = fetcher(new ConsistencyDelayFilter(Duration.ofMinutes(30), CLOCK)).fetch();
    assertThat(r.metas().keySet()).containsExactlyInAnyOrder(old, youngCompacted);
    assertThat(r.metas()).doesNotContainKeys(young, oldUlidRecentUpload, youngUlidZeroUpload);
    assertThat(synced("too-fresh")).isEqualTo(3);
  }

  @Test
  void blocksMarkedForDeletionLongerThanTheDelayAreHidden() throws Exception {
    String oldMark = block(Duration.ofHours(10));
    String recentMark = block(Duration.ofHours(9));
    String corruptMark = block(Duration.ofHours(8));
    new Markers(bucket, Clock.fixed(NOW.minus(Duration.ofHours(3)), ZoneOffset.UTC))
        .mark(oldMark, MarkerKind.DELETION, "", null);
    new Markers(bucket, Clock.fixed(NOW.minus(Duration.ofMinutes(20)), ZoneOffset.UTC))
        .mark(recentMark, MarkerKind.DELETION, "", null);
    put(corruptMark + "/deletion-mark.json", "{");
    DeletionMarkFilter filter = new DeletionMarkFilter(new Markers(bucket, CLOCK), Duration.ofHours(1), CLOCK);
    FetchResult r = fetcher(filter).fetch();
    assertThat(r.metas().keySet()).containsExactlyInAnyOrder(recentMark, corruptMark);
    assertThat(synced("marked-for-deletion")).isEqualTo(1);
    assertThat(filter.deletionMarks()).containsOnlyKeys(oldMark, recentMark);
  }

  @Test
  void noCompactAndNoDownsampleMarksAreReportedButStayLoaded() throws Exception {
    String a = block(Duration.ofHours(10));
    String b = block(Duration.ofHours(9));
    Markers markers = new Markers(bucket, CLOCK);
    markers.mark(a, MarkerKind.NO_COMPACT, "too big", "index-size-exceeding");
    markers.mark(a, MarkerKind.NO_DOWNSAMPLE, "", Markers.REASON_MANUAL);
    markers.mark(b, MarkerKind.NO_DOWNSAMPLE, "", Markers.REASON_MANUAL);
    MarkerReportFilter noCompact = new MarkerReportFilter(markers, MarkerKind.NO_COMPACT);
    MarkerReportFilter noDownsample = new MarkerReportFilter(markers, MarkerKind.NO_DOWNSAMPLE);
    FetchResult r = fetcher(noCompact, noDownsample).fetch();
    assertThat(r.metas().keySet()).containsExactlyInAnyOrder(a, b);
    assertThat(synced("marked-for-no-compact")).isEqualTo(1);
    assertThat(synced("marked-for-no-downsample")).isEqualTo(2);
    assertThat(noCompact.marks().get(a).reason()).isEqualTo("index-size-exceeding");
  }

  @Test
  void blocksOutsideTheTimeRangeAreExcluded() throws Exception {
    String before = block(Duration.ofHours(10), 0, 7_200_000, "sidecar", List.of(), null);
    String inside = block(Duration.ofHours(9), 7_200_000, 14_400_000, "sidecar", List.of(), null);
    String after = block(Duration.ofHours(8), 14_400_001, 21_600_000, "sidecar", List.of(), null);
    FetchResult r = fetcher(new TimeFilter(7_200_000, 14_400_000)).fetch();
    assertThat(r.metas().keySet()).containsExactlyInAnyOrder(before, inside);
    assertThat(r.metas()).doesNotContainKey(after);
    assertThat(synced("time-excluded")).isEqualTo(1);
  }

  @Test
  void blocksCoveredByACompactedBlockAreDuplicates() throws Exception {
    String s1 = block(Duration.ofHours(10));
    String s2 = block(Duration.ofHours(9));
    String unrelated = block(Duration.ofHours(8));
    String compacted = block(Duration.ofHours(7), 0, 14_400_000, "compactor", List.of(s1, s2), null);
    FetchResult r = fetcher(new DeduplicateFilter()).fetch();
    // The compacted block lists itself plus s1 and s2 as sources, so it covers both.
    assertThat(r.metas().keySet()).containsExactlyInAnyOrder(unrelated, compacted);
    assertThat(synced("duplicate")).isEqualTo(2);
  }

  @Test
  void gaugesAreResetOnEachSyncAndMetasAreCached() throws Exception {
    String a = block(Duration.ofHours(10));
    String partial = ulidAt(NOW.minus(Duration.ofHours(1)));
    put(partial + "/index", "x");
    MetaFetcher f = fetcher();
    f.fetch();
    assertThat(synced("no-meta-json")).isEqualTo(1);
    bucket.delete(partial + "/index");
    bucket.failing = op -> op.equals("get:" + a + "/meta.json");
    FetchResult second = f.fetch();
    assertThat(second.metas().keySet()).containsExactly(a);
    assertThat(synced("no-meta-json")).isZero();
    assertThat(registry.get("thanos_blocks_meta_syncs").counter().count()).isEqualTo(2);
  }

  @Test
  void relabelConfigExcludesBlocksByExternalLabels() throws Exception {
    String a = block(Duration.ofHours(5));
    String b = block(Duration.ofHours(4));
    FetchResult dropped = fetcher(new LabelShardingFilter(io.thanosjvm.relabel.RelabelConfigParser.parse(
        "- action: keep\n  source_labels: [cluster]\n  regex: us.*"))).fetch();
    assertThat(dropped.metas()).isEmpty();
    assertThat(dropped.synced()).containsEntry(SyncState.LABEL_EXCLUDED, 2L);
    assertThat(synced("label-excluded")).isEqualTo(2);
    FetchResult kept = fetcher(new LabelShardingFilter(io.thanosjvm.relabel.RelabelConfigParser.parse(
        "- action: keep\n  source_labels: [cluster]\n  regex: eu1"))).fetch();
    assertThat(kept.metas().keySet()).containsExactly(a, b);
  }

  @Test
  void hashmodOnBlockIdSplitsTheBucketIntoDisjointShards() throws Exception {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.add(block(Duration.ofHours(5 + i)));
    }
    List<String> union = new ArrayList<>();
    for (int shard = 0; shard < 3; shard++) {
      FetchResult r = fetcher(new LabelShardingFilter(io.thanosjvm.relabel.RelabelConfigParser.parse(
          "- action: hashmod\n  source_labels: [__block_id]\n  target_label: shard\n  modulus: 3\n"
              + "- action: keep\n  source_labels: [shard]\n  regex: " + shard))).fetch();
      assertThat(r.synced().getOrDefault(SyncState.LABEL_EXCLUDED, 0L) + r.metas().size()).isEqualTo(12);
      union.addAll(r.metas().keySet());
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(all);
  }
}
