package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tools.logfmt.ToolLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bucket downsample} runs the compactor's downsampling once over a filesystem bucket (a 48h raw block gets
 * its 5m copy, a second run adds nothing); {@code bucket web} serves the block listing and page on a free port and
 * picks up new blocks on refresh.
 */
class DownsampleAndWebCommandTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-25T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path bucketDir;
  FilesystemBucket bucket;
  String objstore;

  @BeforeEach
  void setUp() throws IOException {
    bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    bucket = new FilesystemBucket(bucketDir);
    objstore = "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}";
  }

  @Test
  void downsampleMakesThe5mBlockOfALongRawBlockOnce() throws Exception {
    BlockMeta raw = upload(48, 1);
    String out = run(new DownsampleCommand(CLOCK)::run, objstore, "--data-dir=" + tmp.resolve("data"));
    assertThat(out).contains("msg=\"start first pass of downsampling\"")
        .contains("msg=\"start second pass of downsampling\"").contains("resolution=300000")
        .contains("new_blocks=1");
    List<BlockMeta> metas = metas();
    assertThat(metas).hasSize(2);
    BlockMeta down = metas.stream().filter(m -> !m.ulid().equals(raw.ulid())).findFirst().orElseThrow();
    assertThat(down.thanos().orElseThrow().resolution()).isEqualTo(300_000);
    assertThat(down.thanos().orElseThrow().labels()).isEqualTo(Map.of("cluster", "eu"));
    assertThat(down.sources()).isEqualTo(raw.sources());
    assertThat(down.minTime()).isEqualTo(raw.minTime());
    assertThat(down.numSeries()).isEqualTo(raw.numSeries());

    assertThat(run(new DownsampleCommand(CLOCK)::run, objstore, "--data-dir=" + tmp.resolve("data")))
        .contains("new_blocks=0");
    assertThat(metas()).hasSize(2);
  }

  @Test
  void webServesTheListingAndThePageAndRefreshes() throws Exception {
    BlockMeta first = upload(2, 2);
    HttpClient http = HttpClient.newHttpClient();
    try (BucketWebServer server = new BucketWebServer(bucket, "my-bucket", CLOCK,
        new ToolLog(new PrintStream(new ByteArrayOutputStream()), CLOCK))) {
      InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(200));
      String base = "http://127.0.0.1:" + a.getPort();
      HttpResponse<String> blocks = get(http, base + "/api/v1/blocks");
      assertThat(blocks.statusCode()).isEqualTo(200);
      assertThat(blocks.body()).startsWith("{\"status\":\"success\",\"data\":{\"blocks\":[{")
          .contains("\"ulid\": \"" + first.ulid() + "\"").contains("\"label\":\"my-bucket\"")
          .contains("\"refreshedAt\":\"2024-06-25T00:00:00Z\"");
      HttpResponse<String> page = get(http, base + "/blocks");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(page.body()).contains("api/v1/blocks");
      assertThat(get(http, base + "/").statusCode()).isEqualTo(307);
      assertThat(get(http, base + "/-/ready").statusCode()).isEqualTo(200);

      BlockMeta second = upload(2, 3);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!get(http, base + "/api/v1/blocks").body().contains(second.ulid()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(get(http, base + "/api/v1/blocks").body()).contains(second.ulid()).contains(first.ulid());
    }
  }

  @Test
  void webCommandServesUntilStopped() throws Exception {
    upload(2, 4);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> new WebCommand(CLOCK, stop).run(
        List.of(objstore, "--http-address=127.0.0.1:" + port, "--refresh=1m"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      try {
        status = get(http, "http://127.0.0.1:" + port + "/-/healthy").statusCode();
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    assertThat(status).isEqualTo(200);
    stop.countDown();
    assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
  }

  private BlockMeta upload(int hours, long seed) throws IOException {
    Path local = tmp.resolve("local-" + seed);
    BlockMeta m = new GenerateCommand(CLOCK).generate(new GenerateCommand.Options(local, 5, TestBlocks.START,
        hours * 3_600_000L, 60_000, hours * 3_600_000L, seed, new TreeMap<>())).get(0);
    return new BlockUploader(bucket, CLOCK).upload(local.resolve(m.ulid()), new UploadOptions(Map.of("cluster", "eu"),
        "sidecar", 0, true));
  }

  private List<BlockMeta> metas() throws IOException {
    try (Stream<Path> s = Files.list(bucketDir)) {
      return s.filter(p -> Files.exists(p.resolve("meta.json"))).map(p -> {
        try {
          return BlockMeta.read(p.resolve("meta.json"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  interface Command {
    int run(List<String> args, PrintStream out, PrintStream err);
  }

  private static String run(Command c, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(o + err.toString(StandardCharsets.UTF_8)).isZero();
    return o;
  }
}
