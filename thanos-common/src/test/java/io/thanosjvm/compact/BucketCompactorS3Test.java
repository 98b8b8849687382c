package io.thanosjvm.compact;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The compactor's main path ({@link CompactionScenario}) against a real S3 server (S3Proxy). */
class BucketCompactorS3Test {

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void compactsDownsamplesAndDeletesThroughS3() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"))) {
      s3.createBucket("blocks");
      Path config = Files.writeString(dir.resolve("objstore.yml"), String.join("\n", "type: S3", "config:",
          "  bucket: blocks", "  endpoint: " + s3.endpoint(), "  insecure: true", "  bucket_lookup_type: path",
          "  access_key: " + S3ProxyServer.ACCESS_KEY, "  secret_key: " + S3ProxyServer.SECRET_KEY, ""));
      try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromFile(config), new SimpleMeterRegistry(),
          Clock.systemUTC())) {
        CompactionScenario.twoDaysOfTwoHourBlocks(bucket, dir, false);
      }
    }
  }
}
