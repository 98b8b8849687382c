package io.thanosjvm.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

class MarkersAndDeleterTest {

  private static final Instant NOW = Instant.parse("2024-06-21T00:00:00Z");

  @TempDir Path tmp;
  private RecordingBucket bucket;
  private String id;

  @BeforeEach
  void setUp() throws Exception {
    bucket = new RecordingBucket(new FilesystemBucket(tmp.resolve("bucket")));
    BlockMeta local = TestBlocks.generate(tmp.resolve("data"), 10, 2, Map.of("a", "b")).get(0);
    id = local.ulid();
    new BlockUploader(bucket, Clock.fixed(NOW, ZoneOffset.UTC)).upload(tmp.resolve("data").resolve(id),
        new UploadOptions(Map.of("a", "b"), "test", 0, true));
    bucket.log.clear();
  }

  private Markers markers(Instant now) {
    return new Markers(bucket, Clock.fixed(now, ZoneOffset.UTC));
  }

  private String read(String name) throws Exception {
    try (InputStream in = bucket.get(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void deletionMarkIsWrittenInsideTheBlockDirAsThanosWritesIt() throws Exception {
    assertThat(markers(NOW).mark(id, MarkerKind.DELETION, "manual cleanup", null)).isTrue();
    assertThat(read(id + "/deletion-mark.json")).isEqualTo("{\n\t\"id\": \"" + id
        + "\",\n\t\"version\": 1,\n\t\"details\": \"manual cleanup\",\n\t\"deletion_time\": 1718928000\n}");
    assertThat(markers(NOW).read(id, MarkerKind.DELETION))
        .contains(new Marker(MarkerKind.DELETION, id, "manual cleanup", 1_718_928_000L, null));
  }

  @Test
  void existingMarkIsKeptWhenMarkingAgain() throws Exception {
    markers(NOW).mark(id, MarkerKind.NO_COMPACT, "first", Markers.REASON_MANUAL);
    assertThat(markers(NOW.plusSeconds(60)).mark(id, MarkerKind.NO_COMPACT, "second", Markers.REASON_MANUAL))
        .isFalse();
    Marker m = markers(NOW).read(id, MarkerKind.NO_COMPACT).orElseThrow();
    assertThat(m.details()).isEqualTo("first");
    assertThat(m.reason()).isEqualTo("manual");
    assertThat(m.timeSeconds()).isEqualTo(NOW.getEpochSecond());
  }

  @Test
  void noDownsampleMarkRoundTripsAndCanBeRemoved() throws Exception {
    markers(NOW).mark(id, MarkerKind.NO_DOWNSAMPLE, "keep raw", Markers.REASON_MANUAL);
    assertThat(read(id + "/no-downsample-mark.json")).contains("\"no_downsample_time\": 1718928000",
        "\"reason\": \"manual\"");
    assertThat(markers(NOW).remove(id, MarkerKind.NO_DOWNSAMPLE)).isTrue();
    assertThat(markers(NOW).read(id, MarkerKind.NO_DOWNSAMPLE)).isEmpty();
    assertThat(markers(NOW).remove(id, MarkerKind.NO_DOWNSAMPLE)).isFalse();
  }

  @Test
  void corruptedOrForeignMarkerIsATypedError() throws Exception {
    byte[] bad = "{\"id\": 3".getBytes(StandardCharsets.UTF_8);
    bucket.upload(id + "/deletion-mark.json", new ByteArrayInputStream(bad), bad.length);
    assertThatThrownBy(() -> markers(NOW).read(id, MarkerKind.DELETION)).isInstanceOf(InvalidMetaException.class);
    String other = new Marker(MarkerKind.DELETION, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "", 1, null).toJson();
    byte[] foreign = other.getBytes(StandardCharsets.UTF_8);
    bucket.upload(id + "/deletion-mark.json", new ByteArrayInputStream(foreign), foreign.length);
    assertThatThrownBy(() -> markers(NOW).read(id, MarkerKind.DELETION))
        .isInstanceOf(InvalidMetaException.class).hasMessageContaining("does not match");
  }

  @Test
  void deleteRemovesMetaJsonFirstAndTheDeletionMarkLast() throws Exception {
    markers(NOW).mark(id, MarkerKind.DELETION, "", null);
    markers(NOW).mark(id, MarkerKind.NO_COMPACT, "", Markers.REASON_MANUAL);
    bucket.log.clear();
    new BlockDeleter(bucket).delete(id);
    List<String> objectDeletes = bucket.log.stream().filter(op -> !op.endsWith("/")).toList();
    assertThat(objectDeletes).containsExactly("delete:" + id + "/meta.json", "delete:" + id + "/chunks/000001",
        "delete:" + id + "/index", "delete:" + id + "/no-compact-mark.json", "delete:" + id + "/deletion-mark.json");
    List<String> left = new ArrayList<>();
    bucket.iter("", left::add, IterOptions.allObjects());
    assertThat(left).isEmpty();
  }

  @Test
  void deletingAMissingBlockDoesNothing() throws Exception {
    new BlockDeleter(bucket).delete("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertThat(bucket.exists(id + "/meta.json")).isTrue();
  }

  @Test
  void markingANonUlidIsRefused() {
    assertThatThrownBy(() -> markers(NOW).mark("not-a-ulid", MarkerKind.DELETION, "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
