package io.thanosjvm.store.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged blocks in the bucket (truncated index, a postings table failing its CRC, a missing chunk file) are
 * skipped with {@code thanos_bucket_store_block_load_failures_total} counted; every other block keeps serving.
 */
class CorruptBlocksTest {

  @TempDir Path tmp;

  @Test
  void damagedBlocksAreSkippedAndTheRestServe() throws Exception {
    Path local = Files.createDirectories(tmp.resolve("local"));
    Promtool.makeBlocks(local, "--series", "40", "--hours", "8", "--step", "120");
    List<Path> blocks = Promtool.blocks(local);
    assertThat(blocks).hasSize(4);
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      BlockUploader up = new BlockUploader(bucket, Clock.systemUTC());
      for (Path b : blocks) {
        up.upload(b, new UploadOptions(Map.of("cluster", "eu1"), "test", 0, true));
      }
      String truncated = blocks.get(0).getFileName().toString();
      String badCrc = blocks.get(1).getFileName().toString();
      String noChunks = blocks.get(2).getFileName().toString();
      String healthy = blocks.get(3).getFileName().toString();
      Path index = bucketDir.resolve(truncated).resolve("index");
      byte[] all = Files.readAllBytes(index);
      Files.write(index, Arrays.copyOf(all, all.length - 100));
      index = bucketDir.resolve(badCrc).resolve("index");
      all = Files.readAllBytes(index);
      long postingsTable = ByteBuffer.wrap(all, all.length - 52 + 40, 8).getLong();
      all[(int) postingsTable + 9] ^= 0x20;
      Files.write(index, all);
      Files.delete(bucketDir.resolve(noChunks).resolve("chunks").resolve("000001"));

      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 2, List.of(), new FetcherMetrics(meters)), tmp.resolve("data"), 2);
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 4, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      BucketBlockRegistry.SyncReport report = registry.sync();
      assertThat(report.loaded()).isEqualTo(1);
      assertThat(report.failed()).isEqualTo(3);
      assertThat(registry.blocks()).extracting(BucketBlock::id).containsExactly(healthy);
      assertThat(meters.get("thanos_bucket_store_block_load_failures").counter().count()).isEqualTo(3.0);
      assertThat(meters.get("thanos_bucket_store_block_loads").counter().count()).isEqualTo(4.0);
      assertThat(meters.get("thanos_bucket_store_blocks_loaded").gauge().value()).isEqualTo(1.0);

      var answer = StoreCalls.<SeriesResponse>call(o -> store.series(BucketStoreTest.request(
          List.of(Matcher.of(MatchType.REGEX, "__name__", ".+")), Long.MIN_VALUE, Long.MAX_VALUE).build(), o));
      assertThat(answer.ok().stream().filter(SeriesResponse::hasSeries)).hasSize(40);

      // the next sync retries the damaged ones and still keeps the healthy block
      assertThat(registry.sync().failed()).isEqualTo(3);
      assertThat(registry.size()).isEqualTo(1);
      registry.close();
    }
  }
}
