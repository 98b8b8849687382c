package io.thanosjvm.objstore.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketCompatibilityKit;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs the compatibility kit against GCS semantics. No GCS server or emulator can run on these machines,
 * so this uses google-cloud-nio's {@link LocalStorageHelper}: an in-memory double of the storage RPC
 * layer behind the real {@code Storage} client. It checks this provider's use of the client API, not the
 * wire protocol.
 */
class GcsBucketTest extends BucketCompatibilityKit {

  /**
   * The in-memory double registers an (empty) object as soon as an upload session opens, which real GCS
   * does not do before the session is finalized; so only "no truncated bytes become visible" is checked.
   */
  @Override
  @Test
  protected void uploadFailingMidStreamLeavesTheOldObjectAndNoTruncatedOne() throws IOException {
    put(bucket(), "id1/existing", "old content");
    byte[] content = randomBytes(MULTIPART_SIZE, 4);
    assertThatThrownBy(() -> bucket().upload("id1/existing", failingAfter(content, 6 << 20), content.length))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> bucket().upload("id1/new", failingAfter(content, 6 << 20), content.length))
        .isInstanceOf(IOException.class);
    assertThat(getString(bucket(), "id1/existing")).isEqualTo("old content");
    if (bucket().exists("id1/new")) {
      assertThat(bucket().attributes("id1/new").size()).isZero();
    }
  }

  @Override
  protected Bucket newEmptyBucket() {
    return new GcsBucket(LocalStorageHelper.getOptions().getService(), "kit-bucket", 0);
  }
}
