package io.thanosjvm.objstore.gcs;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketCompatibilityKit;

/**
 * Runs the compatibility kit against GCS semantics. No GCS server or emulator can run on these machines,
 * so this uses google-cloud-nio's {@link LocalStorageHelper}: an in-memory double of the storage RPC
 * layer behind the real {@code Storage} client. It checks this provider's use of the client API, not the
 * wire protocol.
 */
class GcsBucketTest extends BucketCompatibilityKit {

  @Override
  protected Bucket newEmptyBucket() {
    return new GcsBucket(LocalStorageHelper.getOptions().getService(), "kit-bucket", 0);
  }
}
