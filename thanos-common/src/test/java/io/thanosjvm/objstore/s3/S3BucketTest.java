package io.thanosjvm.objstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketCompatibilityKit;
import io.thanosjvm.objstore.ObjectStoreException;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.S3Config;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the compatibility kit against a real S3 server (S3Proxy as a child process), 5 MiB parts. */
class S3BucketTest extends BucketCompatibilityKit {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3ProxyServer server;

  @TempDir static Path dataDir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(dataDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Bucket newEmptyBucket() {
    String name = "kit-" + BUCKETS.incrementAndGet();
    server.createBucket(name);
    return new S3Bucket(S3ProxyServer.config(server.endpoint(), name, S3Config.MIN_PART_SIZE,
        HttpConfig.defaults(), 0), dataDir.resolve("spool"));
  }

  @Test
  void missingBucketIsAPermanentErrorNotANotFound() throws Exception {
    try (Bucket missing = new S3Bucket(S3ProxyServer.config(server.endpoint(), "no-such-bucket",
        S3Config.MIN_PART_SIZE, HttpConfig.defaults(), 0), dataDir.resolve("spool"))) {
      assertThatThrownBy(() -> missing.get("x"))
          .isInstanceOf(ObjectStoreException.class)
          .satisfies(e -> assertThat(missing.isObjNotFound(e)).isFalse())
          .satisfies(e -> assertThat(((ObjectStoreException) e).retryable()).isFalse());
    }
  }

  @Test
  void putUserMetadataIsSentWithEveryUpload() throws Exception {
    String name = "meta-" + BUCKETS.incrementAndGet();
    server.createBucket(name);
    S3Config base = S3ProxyServer.config(server.endpoint(), name, S3Config.MIN_PART_SIZE, HttpConfig.defaults(), 0);
    S3Config withMetadata = new S3Config(base.bucket(), base.endpoint(), base.region(), false, false,
        base.accessKey(), base.secretKey(), "", true, false,
        java.util.Map.of("X-Amz-Meta-Team", "observability", "owner", "thanos", "Cache-Control", "no-cache"),
        base.httpConfig(), false, "", base.bucketLookupType(), true, false, base.partSize(), null, "", 0);
    try (Bucket bucket = new S3Bucket(withMetadata, dataDir.resolve("spool"));
        var client = S3ClientFactory.create(base)) {
      put(bucket, "small", "x");
      bucket.upload("large", oneShotStream(randomBytes(MULTIPART_SIZE, 9)), -1);
      for (String key : new String[] {"small", "large"}) {
        var head = client.headObject(b -> b.bucket(name).key(key));
        assertThat(head.metadata()).containsEntry("team", "observability").containsEntry("owner", "thanos");
        assertThat(head.cacheControl()).isEqualTo("no-cache");
      }
    }
  }

  @Test
  void listObjectsV1ListsTheSameEntries() throws Exception {
    put(bucket(), "d/a", "1");
    put(bucket(), "d/b/c", "2");
    put(bucket(), "e", "3");
    S3Config base = S3ProxyServer.config(server.endpoint(), bucket().name(), S3Config.MIN_PART_SIZE,
        HttpConfig.defaults(), 0);
    S3Config v1 = new S3Config(base.bucket(), base.endpoint(), "", false, false, base.accessKey(),
        base.secretKey(), "", true, false, java.util.Map.of(), base.httpConfig(), false, "v1",
        base.bucketLookupType(), true, false, base.partSize(), null, "", 0);
    try (Bucket bucket = new S3Bucket(v1, dataDir.resolve("spool"))) {
      assertThat(list(bucket, "", io.thanosjvm.objstore.IterOptions.flat())).containsExactly("d/", "e");
      assertThat(list(bucket, "d", io.thanosjvm.objstore.IterOptions.allObjects())).containsExactly("d/a", "d/b/c");
    }
  }

  @Test
  void wrongCredentialsAreAPermanentError() throws Exception {
    put(bucket(), "obj", "x");
    S3Config bad = new S3Config(bucket().name(), server.endpoint(), "", false, false, "local-identity",
        "wrong-secret", "", true, false, java.util.Map.of(), HttpConfig.defaults(), false, "",
        io.thanosjvm.objstore.config.BucketLookupType.PATH, true, false, 0, null, "", 0);
    try (Bucket denied = new S3Bucket(bad, dataDir.resolve("spool"))) {
      assertThatThrownBy(() -> readAll(denied.get("obj")))
          .isInstanceOf(ObjectStoreException.class)
          .satisfies(e -> assertThat(((ObjectStoreException) e).retryable()).isFalse())
          .satisfies(e -> assertThat(denied.isObjNotFound(e)).isFalse());
    }
  }
}
