package io.thanosjvm.bench.query;

import io.thanosjvm.api.ResultJson;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.engine.QueryResult;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.query.StoreQueryable;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the time of our query_range goes, per corpus expression: the whole evaluation over the store gateway
 * (StoreAPI fetch, chunk decoding and the engine), the engine alone over the same samples held in memory, and the
 * JSON encoding of the result. No HTTP and no Prometheus: it isolates our phases (p50 of N runs, milliseconds).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.query.QueryPhaseHarness \
 *     thanos-common/src/test/resources/side-by-side-corpus.promql [N=20] [workDir=/tmp/query-phases] [series=150]
 * </pre>
 *
 * Data and range as {@link QueryLatencyHarness} (6h at a 60 s step); the first run generates the blocks.
 */
public final class QueryPhaseHarness {

  private static final long START_MS = 1_699_999_200_000L;
  private static final long END_MS = START_MS + 6 * 3_600_000L;
  private static final long STEP_MS = 60_000;

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private QueryPhaseHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    List<String> corpus = Files.readAllLines(Path.of(args[0])).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path work = Path.of(args.length > 2 ? args[2] : "/tmp/query-phases");
    int series = args.length > 3 ? Integer.parseInt(args[3]) : 150;
    Path blocks = work.resolve("blocks");
    if (!Files.isDirectory(blocks) || QueryLatencyHarness.isEmpty(blocks)) {
      QueryLatencyHarness.generate(blocks, series, 6);
    }
    Path bucketDir = QueryLatencyHarness.fresh(work.resolve("bucket"));
    QueryLatencyHarness.upload(blocks, bucketDir);
    Engine engine = new Engine(EngineOptions.defaults());
    try (LocalQuerier ours = new LocalQuerier(bucketDir, QueryLatencyHarness.fresh(work.resolve("store")))) {
      StoreQueryable store = new StoreQueryable(ours.proxy(), PartialResponseStrategy.ABORT);
      InMemoryQueryable memory = snapshot(store);
      System.out.printf("series in memory: %d; expressions: %d; N=%d%n", memory.seriesCount(), corpus.size(), n);
      List<Expr> exprs = corpus.stream().map(PromqlParser::parse).toList();
      for (int w = 0; w < 3; w++) {
        for (Expr e : exprs) {
          ResultJson.encode(engine.rangeQuery(store, e, START_MS, END_MS, STEP_MS, null).value());
          engine.rangeQuery(memory, e, START_MS, END_MS, STEP_MS, null);
        }
      }
      System.out.printf("%9s %9s %9s %9s  %s%n", "total", "total cpu", "engine", "json",
          "expression (p50 ms; total = fetch+engine, its cpu = all threads of the process)");
      double[] sums = new double[4];
      for (int k = 0; k < exprs.size(); k++) {
        long[][] t = new long[4][n];
        for (int i = 0; i < n; i++) {
          long c0 = CPU.getProcessCpuTime();
          long t0 = System.nanoTime();
          QueryResult r = engine.rangeQuery(store, exprs.get(k), START_MS, END_MS, STEP_MS, null);
          long t1 = System.nanoTime();
          t[3][i] = CPU.getProcessCpuTime() - c0;
          engine.rangeQuery(memory, exprs.get(k), START_MS, END_MS, STEP_MS, null);
          long t2 = System.nanoTime();
          ResultJson.encode(r.value());
          long t3 = System.nanoTime();
          t[0][i] = t1 - t0;
          t[1][i] = t2 - t1;
          t[2][i] = t3 - t2;
        }
        double[] p = {LatencyTable.p50Millis(t[0]), LatencyTable.p50Millis(t[1]), LatencyTable.p50Millis(t[2]),
            LatencyTable.p50Millis(t[3])};
        for (int j = 0; j < 4; j++) {
          sums[j] += p[j];
        }
        System.out.printf("%7.2fms %7.2fms %7.2fms %7.2fms  %s%n", p[0], p[3], p[1], p[2], corpus.get(k));
      }
      System.out.printf("%nsum of p50s: total %.1fms (cpu %.1fms), engine in memory %.1fms, json %.1fms%n", sums[0],
          sums[3], sums[1], sums[2]);
    }
  }

  /** Every sample of every series in the query range (plus an hour before it) copied into memory. */
  private static InMemoryQueryable snapshot(StoreQueryable store) {
    InMemoryQueryable memory = new InMemoryQueryable();
    SelectHints hints = new SelectHints(START_MS - 3_600_000L, END_MS, 0, "", 0, List.of(), false);
    try (SeriesSet set = store.select(hints, List.of(Matcher.of(MatchType.REGEX, "__name__", ".+")))) {
      while (set.next()) {
        SampleIterator it = set.at().iterator();
        while (it.next()) {
          memory.append(set.at().labels(), it.atT(), it.atV());
        }
      }
    }
    return memory;
  }
}
