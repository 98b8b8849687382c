package io.thanosjvm.objstore.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.io.ReplayableUpload;
import io.thanosjvm.objstore.s3.S3Bucket;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multipart upload whose part requests fail half of the time (and only those) still completes: failed
 * parts are re-sent on their own from the replayable source, without restarting the upload.
 */
class MultipartPartRetryTest {

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void failedPartsAreResentIndividually() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3"));
        FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), 7L, 0.5, 0, 0,
            java.time.Duration.ZERO)) {
      proxy.onlyFor(requestLine -> requestLine.startsWith("PUT") && requestLine.contains("partNumber="));
      server.createBucket("parts");
      byte[] content = new byte[(5 << 20) * 3 + 1234];
      new Random(7).nextBytes(content);
      S3Config config = S3ProxyServer.config("127.0.0.1:" + proxy.port(), "parts", S3Config.MIN_PART_SIZE,
          HttpConfig.defaults(), 20);
      try (Bucket bucket = new S3Bucket(config, dir.resolve("spool"));
          ReplayableUpload source = ReplayableUpload.capture(new ByteArrayInputStream(content), -1,
              dir.resolve("spool"))) {
        bucket.upload("index", source.open(), source.length());
        proxy.enabled(false);
        try (InputStream in = bucket.get("index")) {
          assertThat(in.readAllBytes()).isEqualTo(content);
        }
      }
      assertThat(proxy.count(FaultInjectingProxy.Fault.SLOW_DOWN_503)
          + proxy.count(FaultInjectingProxy.Fault.INTERNAL_ERROR_500)).isPositive();
    }
  }
}
