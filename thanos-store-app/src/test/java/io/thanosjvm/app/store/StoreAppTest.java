package io.thanosjvm.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos store} over a filesystem bucket of promtool blocks: ready after the first sync, Info and Series
 * over gRPC (through the caching bucket), {@code /api/v1/blocks}, the index and bucket cache metrics, and start-up
 * refusal without a bucket.
 */
class StoreAppTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path tmp;

  @Test
  void servesTheBucketsBlocks() throws Exception {
    Path local = Files.createDirectories(tmp.resolve("local"));
    Promtool.makeBlocks(local, "--series", "30", "--hours", "4");
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      for (Path b : Promtool.blocks(local)) {
        new BlockUploader(bucket, Clock.systemUTC()).upload(b, new UploadOptions(Map.of("cluster", "eu1"), "test", 0,
            true));
      }
    }
    String objstore = "type: FILESYSTEM\nconfig:\n  directory: " + bucketDir;
    int[] exit = {0};
    ConfigurableApplicationContext app = ThanosStoreApplication.run(ThanosCommandLine.prepare("store",
        new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--objstore.config=" + objstore,
            "--data-dir=" + tmp.resolve("data"), "--index-cache-size=10MB",
            "--store.caching-bucket.config={type: IN-MEMORY, config: {max_size: 8MB, max_item_size: 1MB}}"},
        System.out, System.err, exit));
    int httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (get(httpPort, "/-/ready").statusCode() != 200) {
        assertThat(System.nanoTime()).as("ready within 30 s").isLessThan(deadline);
        Thread.sleep(100);
      }
      InfoResponse info = InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance());
      assertThat(info.getComponentType()).isEqualTo("store");
      assertThat(info.getLabelSets(0).getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
          .containsExactly("cluster=eu1");
      SeriesRequest req = SeriesRequest.newBuilder().setMinTime(info.getStore().getMinTime())
          .setMaxTime(info.getStore().getMaxTime())
          .addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName("__name__").setValue(".+"))
          .build();
      // the second round is answered from the index cache and the caching bucket
      for (int round = 0; round < 2; round++) {
        List<SeriesResponse> frames = new ArrayList<>();
        StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(req)
            .forEachRemaining(frames::add);
        assertThat(frames.stream().filter(SeriesResponse::hasSeries)).hasSize(30);
      }
      String blocks = get(httpPort, "/api/v1/blocks").body();
      assertThat(blocks).startsWith("{\"status\":\"success\",\"data\":{\"blocks\":[").containsPattern("\"cluster\":\\s*\"eu1\"");
      assertThat(get(httpPort, "/blocks").body()).contains("api/v1/blocks");
      String metrics = get(httpPort, "/metrics").body();
      assertThat(metrics).contains("thanos_bucket_store_blocks_loaded 2.0")
          .contains("thanos_bucket_store_block_loads_total 2.0")
          .containsPattern("thanos_store_index_cache_hits_total\\{item_type=\"Postings\"} [1-9]")
          .containsPattern("thanos_store_bucket_cache_operation_hits_total"
              + "\\{config=\"chunks\",operation=\"get_range\"} [1-9]");
    } finally {
      channel.shutdownNow();
      app.close();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
