package io.thanosjvm.block.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests recorded in a filesystem bucket, one object each, read back oldest first; refreshes keep what they had. */
class DeleteRequestStoreTest {

  @TempDir
  Path dir;

  @Test
  void requestsAreOneObjectEachAndReadBackOldestFirst() throws Exception {
    FilesystemBucket bucket = new FilesystemBucket(dir);
    DeleteRequestStore store = new DeleteRequestStore(bucket);
    DeleteSeriesRequest late = DeleteSeriesRequest.of(List.of("b"), 0, 10, 2000);
    DeleteSeriesRequest early = DeleteSeriesRequest.of(List.of("a"), 0, 10, 1000);
    store.record(late);
    store.record(early);
    store.record(early); // sent again: the same object
    byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
    bucket.upload("tombstones/junk.json", new ByteArrayInputStream(junk), junk.length);

    assertThat(store.list()).containsExactly(early, late);
    try (var files = Files.list(dir.resolve("tombstones"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
          early.requestId() + ".json", late.requestId() + ".json", "junk.json");
    }
  }

  @Test
  void aFailedListingKeepsThePreviousSetAndAFailedUploadIsNotRecorded() throws Exception {
    FilesystemBucket real = new FilesystemBucket(dir);
    boolean[] broken = {false};
    // fault injection around the real filesystem bucket: the only way to make an object store fail on demand here
    ForwardingBucket faulty = new ForwardingBucket(real) {
      @Override
      public void iter(String d, io.thanosjvm.objstore.IterConsumer c, io.thanosjvm.objstore.IterOptions o)
          throws IOException {
        if (broken[0]) {
          throw new IOException("listing failed");
        }
        super.iter(d, c, o);
      }

      @Override
      public void upload(String name, InputStream data, long length) throws IOException {
        if (broken[0]) {
          throw new IOException("upload failed");
        }
        super.upload(name, data, length);
      }
    };
    DeletionRequests requests = new DeletionRequests(new DeleteRequestStore(faulty));
    DeleteSeriesRequest r = DeleteSeriesRequest.of(List.of("up"), 0, 10, 1);
    requests.record(r);
    assertThat(requests.get().requests()).containsExactly(r);
    broken[0] = true;
    assertThat(requests.refresh()).isFalse();
    assertThat(requests.get().requests()).containsExactly(r);
    DeleteSeriesRequest lost = DeleteSeriesRequest.of(List.of("down"), 0, 10, 2);
    assertThatThrownBy(() -> requests.record(lost)).hasMessageContaining("upload failed");
    assertThat(requests.get().requests()).containsExactly(r);
    broken[0] = false;
    assertThat(new DeleteRequestStore(real).list()).containsExactly(r);
  }
}
