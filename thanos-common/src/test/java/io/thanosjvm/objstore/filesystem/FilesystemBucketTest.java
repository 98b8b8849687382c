package io.thanosjvm.objstore.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketCompatibilityKit;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the compatibility kit against the FILESYSTEM provider, plus its file-level guarantees. */
class FilesystemBucketTest extends BucketCompatibilityKit {

  @TempDir Path dir;

  @Override
  protected Bucket newEmptyBucket() throws IOException {
    return new FilesystemBucket(dir.resolve("bucket"));
  }

  @Test
  void objectsAreFilesAndDirectoriesAreDirectories() throws IOException {
    put(bucket(), "01ABC/chunks/000001", "chunk");
    assertThat(dir.resolve("bucket/01ABC/chunks/000001")).hasContent("chunk");
  }

  @Test
  void failedUploadLeavesNoTruncatedObjectBehind() throws IOException {
    put(bucket(), "obj", "old content");
    InputStream failing = new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served++ > 3) {
          throw new IOException("connection reset by peer");
        }
        return 'n';
      }
    };
    assertThatThrownBy(() -> bucket().upload("obj", failing, 100)).hasMessageContaining("reset");
    assertThat(getString(bucket(), "obj")).isEqualTo("old content");
    try (var files = Files.list(dir.resolve("bucket"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("obj");
    }
  }

  @Test
  void uploadShorterThanDeclaredIsRejected() throws IOException {
    assertThatThrownBy(
            () -> bucket().upload("short", new java.io.ByteArrayInputStream(new byte[3]), 10))
        .isInstanceOf(ObjectStoreException.class);
    assertThat(bucket().exists("short")).isFalse();
  }

  @Test
  void emptyDirectoriesAreNotListed() throws IOException {
    Files.createDirectories(dir.resolve("bucket/empty/nested"));
    put(bucket(), "full/obj", "x");
    assertThat(list(bucket(), "", IterOptions.flat())).containsExactly("full/");
  }

  @Test
  void namesEscapingTheDirectoryAreRejected() {
    assertThatThrownBy(() -> bucket().get("../outside")).isInstanceOf(ObjectStoreException.class);
  }
}
