package io.thanosjvm.store.cachingbucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.cacheutil.CacheServerProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caching bucket over real memcached and Redis servers (local processes). */
class CachingBucketRemoteCacheTest {

  private static final String CHUNKS = "01HZXT6Y8Q0000000000000000/chunks/000001";

  @TempDir Path dir;

  @Test
  void memcachedServesRepeatedRangeReads() throws Exception {
    try (CacheServerProcess server = CacheServerProcess.memcached()) {
      check("type: MEMCACHED\nconfig:\n  addresses: [" + server.address() + "]\n");
    }
  }

  @Test
  void redisServesRepeatedRangeReads() throws Exception {
    try (CacheServerProcess server = CacheServerProcess.redis("")) {
      check("type: REDIS\nconfig:\n  addr: " + server.address() + "\n");
    }
  }

  private void check(String yaml) throws Exception {
    byte[] data = new byte[200_000];
    new SplittableRandom(5).nextBytes(data);
    FilesystemBucket fs = new FilesystemBucket(dir.resolve("bucket-" + yaml.hashCode()));
    fs.upload(CHUNKS, new ByteArrayInputStream(data), data.length);
    CountingBucket counting = new CountingBucket(fs);
    try (CachingBucket caching = CachingBuckets.wrap(counting, yaml, new SimpleMeterRegistry(),
        Clock.systemUTC())) {
      assertThat(read(caching, 12_345, 100_000)).isEqualTo(Arrays.copyOfRange(data, 12_345, 112_345));
      long fetched = counting.count("getRange:");
      assertThat(fetched).isPositive();
      // writes to the server are asynchronous: read again until a read needs no range request at all
      long deadline = System.nanoTime() + 10_000_000_000L;
      boolean served = false;
      while (!served && System.nanoTime() < deadline) {
        long before = counting.count("getRange:");
        assertThat(read(caching, 12_345, 100_000)).isEqualTo(Arrays.copyOfRange(data, 12_345, 112_345));
        served = counting.count("getRange:") == before;
        if (!served) {
          Thread.sleep(50);
        }
      }
      assertThat(served).as("a repeated read came entirely from the cache").isTrue();
    }
  }

  private static byte[] read(CachingBucket b, long off, long len) throws Exception {
    try (InputStream in = b.getRange(CHUNKS, off, len)) {
      return in.readAllBytes();
    }
  }
}
