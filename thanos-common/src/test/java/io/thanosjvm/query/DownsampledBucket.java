package io.thanosjvm.query;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.compact.downsample.BlockDownsampler;
import io.thanosjvm.compact.downsample.Downsampler;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.proxy.ProxyStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.BlockSeries;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A filesystem bucket holding the same two days of generated data three times: the raw block (made by
 * {@code blocks generate}), its 5m downsampling and the 1h downsampling of that (made by the compactor's
 * {@link BlockDownsampler}); served by an in-process store gateway over gRPC, behind a querier proxy over gRPC
 * (and a second, stacked proxy over the first querier's own StoreAPI). The raw samples are kept for expectations.
 */
final class DownsampledBucket implements AutoCloseable {

  /** Two days, aligned so the whole span is one block. */
  static final long SPAN = 48 * 3_600_000L;
  static final long START = 1_700_000_000_000L / SPAN * SPAN;
  static final long STEP = 60_000;
  static final int SERIES = 130;

  final Path dir;
  final Map<Labels, double[]> raw = new LinkedHashMap<>();
  final Map<Labels, long[]> rawTs = new LinkedHashMap<>();
  private final FilesystemBucket bucket;
  private final StoreGateway gateway;
  private final List<Server> servers = new ArrayList<>();
  private final List<EndpointSet> endpointSets = new ArrayList<>();
  private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-store-reader");
    t.setDaemon(true);
    return t;
  });
  /** The querier's proxy over the store gateway. */
  final ProxyStore proxy;
  /** A second querier's proxy whose only store is the first querier's StoreAPI. */
  final ProxyStore stacked;

  DownsampledBucket() throws IOException {
    dir = Files.createTempDirectory("downsampled-bucket");
    Path rawDir = Files.createDirectories(dir.resolve("raw"));
    Path bucketDir = Files.createDirectories(dir.resolve("bucket"));
    Clock clock = Clock.fixed(Instant.ofEpochMilli(START + SPAN + 3_600_000L), ZoneOffset.UTC);
    List<BlockMeta> metas = new GenerateCommand(clock).generate(new GenerateCommand.Options(rawDir, SERIES, START,
        SPAN, STEP, SPAN, 3, new TreeMap<>()));
    if (metas.size() != 1) {
      throw new IllegalStateException("expected one raw block, got " + metas.size());
    }
    Path rawBlock = rawDir.resolve(metas.get(0).ulid());
    readRaw(rawBlock);
    Ulid ulids = new Ulid(clock, new SplittableRandom(11));
    BlockDownsampler downsampler = new BlockDownsampler();
    BlockMeta fiveMin = downsampler.downsampleBlock(rawBlock, bucketDir, Downsampler.RES_5M, ulids.next());
    downsampler.downsampleBlock(bucketDir.resolve(fiveMin.ulid()), bucketDir, Downsampler.RES_1H, ulids.next());
    copyTree(rawBlock, bucketDir.resolve(metas.get(0).ulid()));
    bucket = new FilesystemBucket(bucketDir);
    gateway = StoreGateway.create(bucket, IndexCache.none(), new StoreGateway.Settings(dir.resolve("store"),
        Duration.ofHours(1), 2, 4, StoreLimits.NONE, 20, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO,
        Duration.ofHours(24)), new SimpleMeterRegistry(), Clock.systemUTC());
    int loaded = gateway.sync().loaded();
    if (loaded != 3) {
      throw new IllegalStateException("store gateway loaded " + loaded + " blocks, expected 3");
    }
    Server storeServer = serve(gateway.store(), gateway.info());
    EndpointSet first = endpoints(storeServer);
    proxy = new ProxyStore(first::stores, readers, Duration.ofMinutes(1));
    Server queryServer = serve(proxy, new InfoService(() -> Optional.of(QueryInfo.of(first.stores()))));
    EndpointSet second = endpoints(queryServer);
    stacked = new ProxyStore(second::stores, readers, Duration.ofMinutes(1));
  }

  private Server serve(io.grpc.BindableService store, io.grpc.BindableService info) throws IOException {
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(store)
        .addService(info).build().start();
    servers.add(s);
    return s;
  }

  private EndpointSet endpoints(Server server) {
    EndpointSet set = new EndpointSet(List.of("127.0.0.1:" + server.getPort()), Duration.ofSeconds(10), List.of());
    endpointSets.add(set);
    set.refresh();
    if (set.stores().isEmpty()) {
      throw new IllegalStateException("endpoint not usable: " + set.statuses());
    }
    return set;
  }

  private void readRaw(Path blockDir) throws IOException {
    try (Block b = Block.open(blockDir)) {
      Iterator<BlockSeries> it = b.select(TimeRange.ALL, List.of(Matcher.of(MatchType.REGEX, "__name__", ".+")));
      while (it.hasNext()) {
        BlockSeries s = it.next();
        long[] ts = new long[4096];
        double[] vs = new double[4096];
        int n = 0;
        SampleIterator si = s.iterator();
        while (si.next()) {
          if (n == ts.length) {
            ts = Arrays.copyOf(ts, n * 2);
            vs = Arrays.copyOf(vs, n * 2);
          }
          ts[n] = si.atT();
          vs[n++] = si.atV();
        }
        rawTs.put(s.labels(), Arrays.copyOf(ts, n));
        raw.put(s.labels(), Arrays.copyOf(vs, n));
      }
    }
  }

  /** The raw series of one metric. */
  List<Labels> series(String metric) {
    return raw.keySet().stream().filter(l -> l.get("__name__").equals(metric)).toList();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    endpointSets.forEach(EndpointSet::close);
    servers.forEach(Server::shutdownNow);
    readers.shutdownNow();
    gateway.close();
    bucket.close();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
