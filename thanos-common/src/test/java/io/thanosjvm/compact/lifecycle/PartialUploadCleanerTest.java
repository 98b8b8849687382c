package io.thanosjvm.compact.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialUploadCleanerTest {

  private static final String A = "01J00000000000000000000001";
  private static final String B = "01J00000000000000000000002";
  private static final String C = "01J00000000000000000000003";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<String> attempts = new ArrayList<>();

  private void put(Bucket bucket, String name, String content) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    bucket.upload(name, new ByteArrayInputStream(b), b.length);
  }

  @Test
  void partialUploadsAreDeletedOnlyAfter48hSinceTheirNewestObject() throws Exception {
    Bucket bucket = new FilesystemBucket(dir);
    put(bucket, A + "/index", "x");
    put(bucket, B + "/index", "x");
    put(bucket, B + "/deletion-mark.json", "{not json");
    put(bucket, C + "/index", "x");
    new Markers(bucket, clock).mark(C, MarkerKind.DELETION, "", null);
    PartialUploadCleaner cleaner = new PartialUploadCleaner(bucket, new Markers(bucket, clock), clock,
        new LifecycleListener() {
          @Override
          public void partialUploadDeletionAttempt(String blockId) {
            attempts.add(blockId);
          }
        });

    clock.advance(Duration.ofHours(47));
    assertThat(cleaner.clean(List.of(A, B, C))).isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(cleaner.clean(List.of(A, B, C))).as("C carries a readable deletion mark: the deletion cleaner's job")
        .containsExactly(A, B);
    assertThat(attempts).containsExactly(A, B);
    assertThat(bucket.exists(A + "/index")).isFalse();
    assertThat(bucket.exists(B + "/deletion-mark.json")).isFalse();
    assertThat(bucket.exists(C + "/index")).isTrue();
  }

  @Test
  void aBlockWhoseMetaAppearedIsNotTouched() throws Exception {
    Bucket bucket = new FilesystemBucket(dir);
    put(bucket, A + "/index", "x");
    put(bucket, A + "/meta.json", "{}");
    clock.advance(Duration.ofDays(3));
    assertThat(new PartialUploadCleaner(bucket, new Markers(bucket, clock), clock, LifecycleListener.NONE)
        .clean(List.of(A))).isEmpty();
    assertThat(bucket.exists(A + "/index")).isTrue();
  }
}
