package io.thanosjvm.bench.query;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Query latency side by side: a real Prometheus 2.42 and our store gateway + querier (same JVM, filesystem bucket)
 * over the same make-prom-blocks blocks; both warmed up, then every expression of the side-by-side corpus runs as
 * a query_range over the whole data span N times against each (alternating), printing per-expression p50s, their
 * ratio and the overall geometric-mean ratio.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.query.QueryLatencyHarness \
 *     thanos-common/src/test/resources/side-by-side-corpus.promql [N=20] [workDir=/tmp/query-latency] \
 *     [series=150] [hours=6] [stepSeconds=60]
 * </pre>
 *
 * The first run with a work directory generates the blocks with {@code shared/tools/make-prom-blocks} (found via
 * {@code -Dthanos.shared.dir} or next to the project); later runs reuse them. Data as the corpus expects:
 * {@code --step 30 --churn --special}, starting 2023-11-14T22:00:00Z.
 */
public final class QueryLatencyHarness {

  static final long START = 1_699_999_200L;
  private static final int WARMUP_ROUNDS = 3;

  private QueryLatencyHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: QueryLatencyHarness <corpus.promql> [N] [workDir] [series] [hours] [stepSeconds]");
      System.exit(2);
    }
    List<String> corpus = Files.readAllLines(Path.of(args[0])).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/query-latency");
    int series = args.length > 3 ? Integer.parseInt(args[3]) : 150;
    int hours = args.length > 4 ? Integer.parseInt(args[4]) : 6;
    int step = args.length > 5 ? Integer.parseInt(args[5]) : 60;
    Path blocks = work.resolve("blocks");
    if (!Files.isDirectory(blocks) || isEmpty(blocks)) {
      generate(blocks, series, hours);
    }
    Path tsdb = fresh(work.resolve("prometheus-tsdb"));
    copyTree(blocks, tsdb);
    Path bucketDir = fresh(work.resolve("bucket"));
    int uploaded = upload(blocks, bucketDir);
    System.out.printf("blocks: %d (series %d, %dh, 30s step); expressions: %d; N=%d; range %dh step %ds%n",
        uploaded, series, hours, corpus.size(), n, hours, step);
    try (PrometheusProcess prom = PrometheusProcess.start(tsdb, work);
        LocalQuerier ours = new LocalQuerier(bucketDir, fresh(work.resolve("store")))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      String range = "&start=" + START + "&end=" + (START + hours * 3600L) + "&step=" + step;
      for (int w = 0; w < WARMUP_ROUNDS; w++) {
        for (String e : corpus) {
          get(http, prom.url(), e, range);
          get(http, ours.url(), e, range);
        }
      }
      LatencyTable table = new LatencyTable();
      for (String e : corpus) {
        long[] p = new long[n];
        long[] o = new long[n];
        String note = "";
        for (int i = 0; i < n; i++) {
          boolean oursFirst = i % 2 == 0;
          Timed a = get(http, oursFirst ? ours.url() : prom.url(), e, range);
          Timed b = get(http, oursFirst ? prom.url() : ours.url(), e, range);
          Timed to = oursFirst ? a : b;
          Timed tp = oursFirst ? b : a;
          o[i] = to.nanos;
          p[i] = tp.nanos;
          if (i == 0) {
            note = compare(tp.body, to.body);
          }
        }
        table.add(e, p, o, note);
      }
      table.print(System.out);
    }
  }

  private record Timed(long nanos, String body) {}

  private static Timed get(HttpClient http, URI base, String expr, String range) throws Exception {
    URI uri = base.resolve("/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + range);
    HttpRequest req = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(2)).build();
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Timed(System.nanoTime() - t0, r.body());
  }

  /** A short note when the two answers differ in status or series count (the bench measures equal work). */
  private static String compare(String prometheus, String ours) {
    boolean okP = prometheus.startsWith("{\"status\":\"success\"");
    boolean okO = ours.startsWith("{\"status\":\"success\"");
    if (okP != okO) {
      return "status differs: prometheus " + (okP ? "success" : "error") + ", ours " + (okO ? "success" : "error");
    }
    int sp = count(prometheus, "\"metric\":");
    int so = count(ours, "\"metric\":");
    return sp == so ? "" : "series " + sp + " vs " + so;
  }

  private static int count(String s, String needle) {
    int c = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      c++;
    }
    return c;
  }

  /** Writes make-prom-blocks blocks (30s step, churn, special values) into {@code blocks}. */
  public static void generate(Path blocks, int series, int hours) throws IOException, InterruptedException {
    Files.createDirectories(blocks);
    Path tool = sharedDir().resolve("tools/make-prom-blocks");
    Process p = new ProcessBuilder(tool.toString(), "--out", blocks.toString(), "--series", Integer.toString(series),
        "--hours", Integer.toString(hours), "--step", "30", "--churn", "--special", "--quiet")
        .inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(tool + " failed with exit code " + p.exitValue());
    }
  }

  private static Path sharedDir() {
    String configured = System.getProperty("thanos.shared.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("shared/tools/make-prom-blocks"))) {
        return p.resolve("shared");
      }
    }
    throw new IllegalStateException("shared dir (with tools/make-prom-blocks) not found; set -Dthanos.shared.dir");
  }

  /** Uploads every block of {@code blocks} into a filesystem bucket; the number uploaded. */
  public static int upload(Path blocks, Path bucketDir) throws IOException {
    int count = 0;
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      BlockUploader uploader = new BlockUploader(bucket, Clock.systemUTC());
      for (Path b : blockDirs(blocks)) {
        uploader.upload(b, new UploadOptions(Map.of(), "bench", 0, false));
        count++;
      }
    }
    return count;
  }

  private static List<Path> blockDirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()) && Files.isDirectory(p)).sorted().toList();
    }
  }

  /** Whether {@code dir} holds no block. */
  public static boolean isEmpty(Path dir) throws IOException {
    return blockDirs(dir).isEmpty();
  }

  /** {@code dir}, emptied (created when missing). */
  public static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  static void copyTree(Path from, Path to) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(all::add);
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target);
      }
    }
  }
}
