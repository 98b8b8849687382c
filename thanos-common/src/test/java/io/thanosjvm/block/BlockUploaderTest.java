package io.thanosjvm.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectStoreException;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockUploaderTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-20T10:00:00.120Z"), ZoneOffset.UTC);
  private static final UploadOptions OPTIONS =
      new UploadOptions(Map.of("cluster", "eu1", "replica", "0"), "sidecar", 0, true);

  @TempDir Path tmp;
  private RecordingBucket bucket;
  private Path block;
  private BlockMeta local;

  @BeforeEach
  void setUp() throws Exception {
    bucket = new RecordingBucket(new FilesystemBucket(tmp.resolve("bucket")));
    local = TestBlocks.generate(tmp.resolve("data"), 30, 2, Map.of()).get(0);
    block = tmp.resolve("data").resolve(local.ulid());
  }

  private String read(Bucket b, String name) throws Exception {
    try (InputStream in = b.get(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<String> objects(String dir) throws Exception {
    List<String> out = new ArrayList<>();
    bucket.iter(dir, out::add, IterOptions.allObjects());
    return out;
  }

  @Test
  void uploadsChunksThenIndexThenMetaJsonLast() throws Exception {
    new BlockUploader(bucket, CLOCK).upload(block, OPTIONS);
    String id = local.ulid();
    assertThat(bucket.log).containsExactly("upload:" + id + "/chunks/000001", "upload:" + id + "/index",
        "upload:" + id + "/meta.json");
    for (String f : List.of("chunks/000001", "index")) {
      try (InputStream in = bucket.get(id + "/" + f)) {
        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(block.resolve(f)));
      }
    }
  }

  @Test
  void metaJsonCarriesFilesUploadTimeLabelsAndSource() throws Exception {
    BlockMeta returned = new BlockUploader(bucket, CLOCK).upload(block, OPTIONS);
    String json = read(bucket, local.ulid() + "/meta.json");
    BlockMeta uploaded = BlockMeta.parse(json, "meta.json");
    assertThat(uploaded).isEqualTo(returned);
    assertThat(uploaded.numSeries()).isEqualTo(local.numSeries());
    ThanosMeta t = uploaded.thanos().orElseThrow();
    assertThat(t.labels()).containsExactly(Map.entry("cluster", "eu1"), Map.entry("replica", "0"));
    assertThat(t.source()).isEqualTo("sidecar");
    assertThat(t.resolution()).isZero();
    assertThat(t.files()).containsExactly(
        new BlockFile("chunks/000001", Files.size(block.resolve("chunks/000001")), null, null),
        new BlockFile("index", Files.size(block.resolve("index")), null, null),
        new BlockFile("meta.json", 0, null, null));
    assertThat(json).contains("\"upload_time\": \"2024-06-20T10:00:00.12Z\"")
        .contains("{\n\t\t\t\t\"rel_path\": \"meta.json\"\n\t\t\t}");
  }

  @Test
  void concurrentUploadsStillPutMetaJsonLastAndFailWithoutIt() throws Exception {
    BlockMeta returned = new BlockUploader(bucket, CLOCK, 4).upload(block, OPTIONS);
    String id = local.ulid();
    assertThat(bucket.log).hasSize(3).endsWith("upload:" + id + "/meta.json")
        .contains("upload:" + id + "/chunks/000001", "upload:" + id + "/index");
    assertThat(BlockMeta.parse(read(bucket, id + "/meta.json"), "meta.json")).isEqualTo(returned);

    bucket.log.clear();
    new BlockDeleter(bucket).delete(id);
    bucket.failing = op -> op.endsWith("/index");
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK, 4).upload(block, OPTIONS))
        .hasMessageContaining("injected failure");
    assertThat(objects(id)).as("partial upload removed, meta.json never written").isEmpty();
  }

  @Test
  void sha256HashesOfTheFilesAreRecordedInMetaJson() throws Exception {
    BlockMeta uploaded = new BlockUploader(bucket, CLOCK, 2, HashFunc.SHA256).upload(block, OPTIONS);
    String json = read(bucket, local.ulid() + "/meta.json");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    String indexHash = java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(block.resolve("index"))));
    assertThat(json).contains("\"rel_path\": \"index\",\n\t\t\t\t\"size_bytes\": " + Files.size(block.resolve("index"))
        + ",\n\t\t\t\t\"hash\": {\n\t\t\t\t\t\"hashFunc\": \"SHA256\",\n\t\t\t\t\t\"value\": \"" + indexHash + "\"");
    assertThat(uploaded.thanos().orElseThrow().files()).filteredOn(f -> !f.relPath().equals("meta.json"))
        .allSatisfy(f -> assertThat(f.hashFunc()).isEqualTo("SHA256")).hasSize(2);
    assertThat(BlockMeta.parse(json, "meta.json")).isEqualTo(uploaded);
    assertThatThrownBy(() -> HashFunc.parse("MD5")).hasMessageContaining("\"SHA256\"");
    assertThat(HashFunc.parse("")).isEqualTo(HashFunc.NONE);
  }

  @Test
  void tombstonesAreNotUploaded() throws Exception {
    Files.write(block.resolve("tombstones"), new byte[] {1, 2, 3});
    new BlockUploader(bucket, CLOCK).upload(block, OPTIONS);
    assertThat(objects(local.ulid())).noneMatch(n -> n.endsWith("tombstones"));
  }

  @Test
  void refusesBlockWithoutMetaJson() throws Exception {
    Files.delete(block.resolve("meta.json"));
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block, OPTIONS))
        .isInstanceOf(InvalidBlockException.class).hasMessageContaining("no meta.json");
    assertThat(bucket.log).isEmpty();
  }

  @Test
  void refusesBlockWithInvalidMetaJson() throws Exception {
    Files.writeString(block.resolve("meta.json"), local.toJson().replace("\"version\": 1", "\"version\": 2"));
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block, OPTIONS))
        .isInstanceOf(InvalidBlockException.class).hasMessageContaining("invalid meta.json")
        .hasMessageContaining("version");
    Files.writeString(block.resolve("meta.json"), "{\"ulid\": ");
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block, OPTIONS))
        .isInstanceOf(InvalidBlockException.class).hasMessageContaining("invalid meta.json");
    assertThat(bucket.log).isEmpty();
  }

  @Test
  void refusesBlockWhoseUlidDiffersFromItsDirectory() throws Exception {
    Path renamed = Files.move(block, block.resolveSibling("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(renamed, OPTIONS))
        .isInstanceOf(InvalidBlockException.class).hasMessageContaining("does not match");
  }

  @Test
  void refusesEmptyExternalLabelsUnlessAllowed() throws Exception {
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block,
        new UploadOptions(Map.of(), "sidecar", 0, true)))
        .isInstanceOf(InvalidBlockException.class).hasMessageContaining("empty external labels");
    assertThat(bucket.log).isEmpty();
    BlockMeta m = new BlockUploader(bucket, CLOCK).upload(block,
        new UploadOptions(Map.of(), UploadOptions.SOURCE_BUCKET_UPLOAD, 0, false));
    assertThat(m.thanos().orElseThrow().labels()).isEmpty();
  }

  @Test
  void failurePartWayLeavesNoMetaJsonAndRemovesThePartialUpload() throws Exception {
    bucket.failing = op -> op.endsWith("/index");
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block, OPTIONS))
        .isInstanceOf(ObjectStoreException.class);
    assertThat(bucket.log).noneMatch(op -> op.startsWith("upload:") && op.endsWith("meta.json"));
    assertThat(objects("")).isEmpty();
  }

  @Test
  void failedMetaJsonUploadAlsoRemovesTheBlock() throws Exception {
    bucket.failing = op -> op.equals("upload:" + local.ulid() + "/meta.json");
    assertThatThrownBy(() -> new BlockUploader(bucket, CLOCK).upload(block, OPTIONS))
        .isInstanceOf(ObjectStoreException.class);
    assertThat(bucket.exists(local.ulid() + "/meta.json")).isFalse();
    assertThat(objects("")).isEmpty();
  }

  @Test
  void uploadTimeIsFormattedLikeGo() {
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-06-20T10:00:00Z"))).isEqualTo("2024-06-20T10:00:00Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-06-20T10:00:00.5Z"))).isEqualTo("2024-06-20T10:00:00.5Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-06-20T10:00:00.000001200Z")))
        .isEqualTo("2024-06-20T10:00:00.0000012Z");
  }
}
