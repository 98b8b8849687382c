package io.thanosjvm.tools.bucket;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.s3.S3Bucket;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The bucket tools over a real S3 server (S3Proxy child process) given by inline {@code --objstore.config}. */
class BucketToolsS3Test extends BucketToolsContract {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3ProxyServer server;

  @TempDir static Path serverDir;
  private String bucketName;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String objstoreFlag() {
    bucketName = "tools-" + BUCKETS.incrementAndGet();
    server.createBucket(bucketName);
    return "--objstore.config=type: S3\nconfig:\n  bucket: " + bucketName + "\n  endpoint: " + server.endpoint()
        + "\n  access_key: " + S3ProxyServer.ACCESS_KEY + "\n  secret_key: " + S3ProxyServer.SECRET_KEY
        + "\n  insecure: true\n  bucket_lookup_type: path\n";
  }

  @Override
  Bucket openBucket() {
    return new S3Bucket(S3ProxyServer.config(server.endpoint(), bucketName, S3Config.MIN_PART_SIZE,
        HttpConfig.defaults(), 0), serverDir.resolve("spool"));
  }
}
