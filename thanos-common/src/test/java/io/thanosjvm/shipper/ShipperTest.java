package io.thanosjvm.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.RecordingBucket;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper over a real filesystem bucket and real TSDB blocks (written by the block generator, their Thanos
 * section stripped so they look like Prometheus' own). {@link RecordingBucket} records the order of uploads
 * and injects failures where a failing object store is needed.
 */
class ShipperTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-21T10:00:00Z"), ZoneOffset.UTC);
  private static final Labels EXTERNAL = Labels.of("cluster", "eu1", "replica", "0");

  @TempDir Path tmp;
  private Path tsdb;
  private RecordingBucket bucket;
  private PrometheusMeterRegistry registry;
  private List<BlockMeta> blocks;

  @BeforeEach
  void setUp() throws Exception {
    tsdb = tmp.resolve("data");
    blocks = TestBlocks.generate(tsdb, 5, 6, Map.of("ignored", "x"));
    for (BlockMeta b : blocks) {
      rewriteMeta(b.ulid(), doc -> doc.remove("thanos"));
    }
    bucket = new RecordingBucket(new FilesystemBucket(tmp.resolve("bucket")));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  private Shipper shipper(boolean uploadCompacted) {
    return shipper(uploadCompacted, () -> EXTERNAL);
  }

  private Shipper shipper(boolean uploadCompacted, java.util.function.Supplier<Labels> labels) {
    return new Shipper(ShipperOptions.sidecar(tsdb, uploadCompacted), bucket, labels,
        new ShipperMetrics(registry, uploadCompacted), CLOCK);
  }

  private void rewriteMeta(String id, java.util.function.Consumer<Map<String, Object>> edit) throws Exception {
    Path file = tsdb.resolve(id).resolve("meta.json");
    Map<String, Object> doc = BlockMeta.read(file).document();
    edit.accept(doc);
    BlockMeta.parse(GoJson.write(doc), file.toString()).write(file);
  }

  @SuppressWarnings("unchecked")
  private void setLevel(String id, int level) throws Exception {
    rewriteMeta(id, doc -> ((Map<String, Object>) doc.get("compaction")).put("level", (long) level));
  }

  private BlockMeta bucketMeta(String id) throws Exception {
    try (InputStream in = bucket.get(id + "/meta.json")) {
      return BlockMeta.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), id);
    }
  }

  private List<String> uploadsOf(String suffix) {
    return bucket.log.stream().filter(op -> op.startsWith("upload:") && op.endsWith(suffix)).toList();
  }

  private double metric(String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(registry.scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private List<String> state() throws Exception {
    return ShipperMetaFile.read(tsdb.resolve("thanos.shipper.json")).uploaded();
  }

  @Test
  void shipsEveryCompletedBlockOldestFirstWithTheSidecarThanosSectionAndMetaJsonLast() throws Exception {
    // time order must win over name order: give the newest block the smallest ULID
    String newest = "00000000000000000000000001";
    Files.move(tsdb.resolve(blocks.get(2).ulid()), tsdb.resolve(newest));
    rewriteMeta(newest, doc -> doc.put("ulid", newest));
    blocks = List.of(blocks.get(0), blocks.get(1), BlockMeta.read(tsdb.resolve(newest).resolve("meta.json")));
    assertThat(shipper(false).sync()).isEqualTo(3);

    assertThat(uploadsOf("/meta.json")).containsExactly(blocks.stream()
        .map(b -> "upload:" + b.ulid() + "/meta.json").toArray(String[]::new));
    for (BlockMeta b : blocks) {
      List<String> ops = bucket.log.stream().filter(op -> op.contains(b.ulid())).toList();
      assertThat(ops.get(ops.size() - 1)).isEqualTo("upload:" + b.ulid() + "/meta.json");
      BlockMeta shipped = bucketMeta(b.ulid());
      ThanosMeta t = shipped.thanos().orElseThrow();
      assertThat(t.labels()).isEqualTo(Map.of("cluster", "eu1", "replica", "0"));
      assertThat(t.source()).isEqualTo("sidecar");
      assertThat(t.resolution()).isZero();
      assertThat(t.files()).extracting(f -> f.relPath()).containsExactly("chunks/000001", "index", "meta.json");
      assertThat(shipped.toJson()).contains("\"segment_files\": [\n\t\t\t\"000001\"\n\t\t]")
          .contains("\"upload_time\": \"2024-06-21T10:00:00Z\"");
      assertThat(shipped.minTime()).isEqualTo(b.minTime());
    }
    assertThat(state()).containsExactly(blocks.stream().map(BlockMeta::ulid).toArray(String[]::new));
    assertThat(metric("thanos_shipper_uploads_total")).isEqualTo(3);
    assertThat(metric("thanos_shipper_dir_syncs_total")).isEqualTo(1);
    assertThat(metric("thanos_shipper_dir_sync_failures_total")).isZero();
    assertThat(metric("thanos_shipper_upload_compacted_done")).isNaN();
    assertThat(tsdb.resolve("thanos/upload")).isEmptyDirectory();
    assertThat(tsdb.resolve(blocks.get(0).ulid()).resolve("meta.json")).content()
        .doesNotContain("\"thanos\"");
  }

  @Test
  void neverUploadsABlockTwiceEvenWhenItLeftTheBucket() throws Exception {
    Shipper shipper = shipper(false);
    shipper.sync();
    int uploadsAfterFirst = bucket.log.size();
    assertThat(shipper.sync()).isZero();
    // a compactor may delete shipped blocks from the bucket; the state file keeps them from coming back
    new io.thanosjvm.block.BlockDeleter(bucket).delete(blocks.get(0).ulid());
    assertThat(shipper(false).sync()).isZero();
    assertThat(uploadsOf("/meta.json")).hasSize(3);
    assertThat(bucket.log.subList(uploadsAfterFirst, bucket.log.size())).noneMatch(op -> op.startsWith("upload:"));
  }

  @Test
  void countsABlockWhoseMetaJsonIsAlreadyInTheBucketAsShippedWithoutUploadingIt() throws Exception {
    BlockMeta first = blocks.get(0);
    new BlockUploader(bucket, CLOCK).upload(tsdb.resolve(first.ulid()),
        new UploadOptions(Map.of("cluster", "eu1", "replica", "0"), "sidecar", 0, true));
    bucket.log.clear();

    assertThat(shipper(false).sync()).isEqualTo(2);
    assertThat(bucket.log).noneMatch(op -> op.startsWith("upload:" + first.ulid()));
    assertThat(state()).containsExactly(blocks.stream().map(BlockMeta::ulid).toArray(String[]::new));
  }

  @Test
  void aFailedUploadStopsTheSyncLeavesNoMetaJsonAndIsRetriedNextSync() throws Exception {
    String second = blocks.get(1).ulid();
    bucket.failing = op -> op.equals("upload:" + second + "/index");
    Shipper shipper = shipper(false);
    assertThatThrownBy(shipper::sync).isInstanceOfSatisfying(ShipperException.class,
        e -> assertThat(e.uploaded()).as("blocks shipped before the failure").isEqualTo(1))
        .hasMessageContaining("upload " + second);
    assertThat(bucket.exists(second + "/meta.json")).isFalse();
    assertThat(bucket.exists(blocks.get(2).ulid() + "/meta.json")).as("later blocks wait, in time order").isFalse();
    assertThat(state()).containsExactly(blocks.get(0).ulid());
    assertThat(metric("thanos_shipper_upload_failures_total")).isEqualTo(1);
    assertThat(metric("thanos_shipper_dir_sync_failures_total")).isEqualTo(1);

    bucket.failing = op -> false;
    assertThat(shipper.sync()).isEqualTo(2);
    assertThat(uploadsOf("/meta.json")).hasSize(3);
    assertThat(metric("thanos_shipper_uploads_total")).isEqualTo(3);
    assertThat(metric("thanos_shipper_dir_syncs_total")).isEqualTo(2);
  }

  @Test
  void ignoresTemporaryDirectoriesTheHeadAndEmptyBlocks() throws Exception {
    String empty = blocks.get(1).ulid();
    rewriteMeta(empty, doc -> doc.put("stats", new java.util.LinkedHashMap<>()));
    Files.createDirectories(tsdb.resolve("wal"));
    Files.createDirectories(tsdb.resolve("chunks_head"));
    Files.createDirectories(tsdb.resolve(blocks.get(0).ulid() + ".tmp-for-creation"));
    Files.createDirectories(tsdb.resolve("01HZZZZZZZZZZZZZZZZZZZZZZZ.tmp-for-deletion"));
    Files.writeString(tsdb.resolve("queries.active"), "");

    assertThat(shipper(false).sync()).isEqualTo(2);
    assertThat(bucket.exists(empty + "/meta.json")).isFalse();
    assertThat(state()).containsExactly(blocks.get(0).ulid(), blocks.get(2).ulid());
  }

  @Test
  void shipsCompactedBlocksOnlyWithUploadCompacted() throws Exception {
    String compacted = blocks.get(0).ulid();
    setLevel(compacted, 2);
    assertThat(shipper(false).sync()).isEqualTo(2);
    assertThat(bucket.exists(compacted + "/meta.json")).isFalse();
    assertThat(state()).doesNotContain(compacted);

    assertThat(shipper(true).sync()).isEqualTo(1);
    assertThat(bucketMeta(compacted).compactionLevel()).isEqualTo(2);
    assertThat(metric("thanos_shipper_upload_compacted_done")).isEqualTo(1);
  }

  @Test
  void refusesACompactedBlockOverlappingABucketBlockWithTheSameLabels() throws Exception {
    String compacted = blocks.get(1).ulid();
    setLevel(compacted, 2);
    BlockMeta overlapping = TestBlocks.generate(tmp.resolve("other"), 2, 2, Map.of()).get(0);
    Path otherBlock = tmp.resolve("other").resolve(overlapping.ulid());
    // same 2h window as blocks.get(0), not the compacted one: Thanos refuses any overlap in the set
    new BlockUploader(bucket, CLOCK).upload(otherBlock,
        new UploadOptions(Map.of("cluster", "eu1", "replica", "0"), "sidecar", 0, true));

    Shipper shipper = shipper(true);
    assertThatThrownBy(shipper::sync).isInstanceOf(ShipperException.class)
        .hasMessageContaining("cannot upload compacted block").hasMessageContaining(compacted);
    assertThat(bucket.exists(compacted + "/meta.json")).isFalse();
    assertThat(metric("thanos_shipper_upload_compacted_done")).isZero();

    // a producer with other labels does not count
    new io.thanosjvm.block.BlockDeleter(bucket).delete(overlapping.ulid());
    new BlockUploader(bucket, CLOCK).upload(otherBlock,
        new UploadOptions(Map.of("cluster", "us1"), "sidecar", 0, true));
    assertThat(shipper.sync()).isEqualTo(2);
    assertThat(bucket.exists(compacted + "/meta.json")).isTrue();
  }

  @Test
  void keepsLabelsAlreadyInTheLocalThanosSectionUnderTheExternalOnes() throws Exception {
    String id = blocks.get(0).ulid();
    rewriteMeta(id, doc -> doc.put("thanos", Map.of("labels", Map.of("cluster", "old", "tenant", "a"),
        "downsample", Map.of("resolution", 0L), "source", "receive")));
    shipper(false).sync();
    assertThat(bucketMeta(id).thanos().orElseThrow().labels())
        .isEqualTo(Map.of("cluster", "eu1", "replica", "0", "tenant", "a"));
    assertThat(bucketMeta(id).thanos().orElseThrow().source()).isEqualTo("sidecar");
  }

  @Test
  void aCorruptedLocalBlockFailsTheSyncAndIsCounted() throws Exception {
    Files.delete(tsdb.resolve(blocks.get(2).ulid()).resolve("meta.json"));
    assertThatThrownBy(shipper(false)::sync).isInstanceOf(ShipperException.class)
        .hasMessageContaining(blocks.get(2).ulid()).hasMessageContaining("read metadata");
    assertThat(metric("thanos_shipper_corrupted_blocks_total")).isEqualTo(1);
    assertThat(metric("thanos_shipper_dir_sync_failures_total")).isEqualTo(1);
    assertThat(bucket.log).isEmpty();
  }

  @Test
  void refusesToShipWithoutExternalLabels() {
    assertThatThrownBy(shipper(false, () -> Labels.EMPTY)::sync).isInstanceOf(ShipperException.class)
        .hasMessageContaining("no external labels");
    assertThat(bucket.log).isEmpty();
  }

  @Test
  void usesTheExternalLabelsCurrentAtEachSync() throws Exception {
    AtomicReference<Labels> labels = new AtomicReference<>(Labels.of("cluster", "eu1"));
    Shipper shipper = shipper(false, labels::get);
    Files.move(tsdb.resolve(blocks.get(2).ulid()), tmp.resolve("later"));
    shipper.sync();
    labels.set(Labels.of("cluster", "eu2"));
    Files.move(tmp.resolve("later"), tsdb.resolve(blocks.get(2).ulid()));
    shipper.sync();
    assertThat(bucketMeta(blocks.get(0).ulid()).thanos().orElseThrow().labels()).containsEntry("cluster", "eu1");
    assertThat(bucketMeta(blocks.get(2).ulid()).thanos().orElseThrow().labels()).containsEntry("cluster", "eu2");
  }

  @Test
  void anUnreadableStateFileIsOverwrittenAndTheBucketDecides() throws Exception {
    shipper(false).sync();
    Files.writeString(tsdb.resolve("thanos.shipper.json"), "{");
    bucket.log.clear();
    assertThat(shipper(false).sync()).isZero();
    assertThat(bucket.log).noneMatch(op -> op.startsWith("upload:"));
    assertThat(state()).hasSize(3);
  }

  @Test
  void timestampsAreTheOldestLocalBlockAndTheNewestShippedOne() throws Exception {
    String compacted = blocks.get(2).ulid();
    setLevel(compacted, 2);
    Shipper shipper = shipper(false);
    assertThatThrownBy(shipper::timestamps).as("no state file yet").isInstanceOf(java.io.IOException.class);
    shipper.sync();
    assertThat(shipper.timestamps()).isEqualTo(new Shipper.Timestamps(blocks.get(0).minTime(),
        blocks.get(1).maxTime()));
    for (BlockMeta b : blocks) {
      BlockStaging.remove(tsdb.resolve(b.ulid()));
    }
    assertThat(shipper.timestamps()).isEqualTo(new Shipper.Timestamps(0, Long.MIN_VALUE));
  }
}
