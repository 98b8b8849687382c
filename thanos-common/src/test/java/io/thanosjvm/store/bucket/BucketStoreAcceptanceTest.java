package io.thanosjvm.store.bucket;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.store.testkit.StoreApiAcceptanceBlocks;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The StoreAPI acceptance kit against the store gateway: the dataset written as 2h Thanos blocks, uploaded to a
 * filesystem bucket, served by {@link StoreGateway} (with an in-memory index cache) on a loopback gRPC server.
 */
public class BucketStoreAcceptanceTest extends StoreApiAcceptanceKit {

  /** The bucket the gateway reads through; subclasses put caches in front of it. */
  protected Bucket served(Bucket bucket, SimpleMeterRegistry meters) {
    return bucket;
  }

  @Override
  protected long baseTime() {
    return 1_718_841_600_000L; // 2h-aligned: the dataset spans three block windows
  }

  @Override
  protected StoreUnderTest start(Dataset data, Labels externalLabels) throws Exception {
    Path tmp = Files.createTempDirectory("store-acceptance");
    Path local = Files.createDirectories(tmp.resolve("local"));
    List<BlockMeta> metas = StoreApiAcceptanceBlocks.write(data, local, externalLabels);
    FilesystemBucket bucket = new FilesystemBucket(Files.createDirectories(tmp.resolve("bucket")));
    BlockUploader uploader = new BlockUploader(bucket, Clock.systemUTC());
    for (BlockMeta m : metas) {
      uploader.upload(local.resolve(m.ulid()), new UploadOptions(externalLabels.toMap(), "test", 0, true));
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    StoreGateway gateway = StoreGateway.create(served(bucket, meters), IndexCaches.create(null, 8L << 20, meters),
        new StoreGateway.Settings(tmp.resolve("data"), Duration.ofHours(1), 2, 4, StoreLimits.NONE, 10,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)),
        meters, Clock.systemUTC());
    gateway.sync();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(gateway.store()).addService(gateway.info()).build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    return StoreUnderTest.of(channel, channel::shutdownNow, () -> {
      server.shutdownNow();
      try {
        server.awaitTermination(10, TimeUnit.SECONDS);
        gateway.close();
        bucket.close();
        Promtool.deleteTree(tmp);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
