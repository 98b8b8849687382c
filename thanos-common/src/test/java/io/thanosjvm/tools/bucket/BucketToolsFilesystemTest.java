package io.thanosjvm.tools.bucket;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bucket tools over a FILESYSTEM bucket given by {@code --objstore.config-file}. */
class BucketToolsFilesystemTest extends BucketToolsContract {

  @Override
  String objstoreFlag() throws Exception {
    Path config = tmp.resolve("objstore.yml");
    Files.writeString(config, "type: FILESYSTEM\nconfig:\n  directory: " + tmp.resolve("bucket") + "\n");
    return "--objstore.config-file=" + config;
  }

  @Override
  Bucket openBucket() throws Exception {
    return new FilesystemBucket(tmp.resolve("bucket"));
  }
}
