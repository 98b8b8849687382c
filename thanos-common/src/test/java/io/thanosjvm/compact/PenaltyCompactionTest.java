package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactionTestKit.group;
import static io.thanosjvm.compact.CompactionTestKit.metas;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Penalty deduplication (offline, {@code --deduplication.func=penalty}): two replicas scraping the same target 5 s
 * apart, each with a 20-minute gap in a different place, compact into one gap-free series that follows one replica
 * until it stops, exactly as the penalty algorithm dictates (checked against an array-based model of the
 * algorithm and against the replicas' own samples), read back with promtool.
 */
class PenaltyCompactionTest {

  private static final long T0 = 1_699_999_200_000L;
  private static final long STEP = 15_000;
  private static final Labels UP = Labels.of("__name__", "up", "job", "node");
  private static final Labels ONLY_A = Labels.of("__name__", "up", "job", "only-a");

  @TempDir
  Path tmp;

  @Test
  void twoReplicasWithGapsInDifferentPlacesFoldIntoAGapFreeSeries() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    long[][] a = replica(0, 20, 40);
    long[][] b = replica(5_000, 60, 80);
    write(src, "01JA00000000000000000000RA", "a", a, 1);
    write(src, "01JA00000000000000000000RB", "b", b, 2);
    List<Path> blocks = Promtool.blocks(src);

    Path out = tmp.resolve("out");
    String ulid = "01JCXMPACT00000000000000PD";
    BlockMeta meta = new BlockCompactor(DedupMode.PENALTY)
        .compact(group(Map.of("cluster", "eu1"), 0, metas(blocks)), blocks, out, ulid);
    assertThat(Promtool.analyze(out, ulid)).contains("Block ID: " + ulid);

    List<long[]> got = samples(CompactionTestKit.dumpBlock(out.resolve(ulid)), UP);
    List<long[]> want = penaltyModel(a[0], b[0]);
    assertThat(got).usingElementComparator((x, y) -> x[0] == y[0] && x[1] == y[1] ? 0 : 1).isEqualTo(want);

    long maxGap = 0;
    for (int i = 1; i < got.size(); i++) {
      assertThat(got.get(i)[0]).isGreaterThan(got.get(i - 1)[0]);
      maxGap = Math.max(maxGap, got.get(i)[0] - got.get(i - 1)[0]);
    }
    assertThat(maxGap).as("no replica gap survives").isLessThan(6 * STEP);
    assertThat(got.get(0)[0]).isEqualTo(T0);
    // The last sample is replica a's: b's final sample 5 s later falls within a's penalty window.
    assertThat(got.get(got.size() - 1)[0]).isEqualTo(a[0][a[0].length - 1]);
    // Replica a until its gap, then b until its gap, then a again: each value says which replica it came from.
    assertThat(got.stream().filter(s -> s[0] < T0 + 20 * 60_000L).allMatch(s -> s[1] == 1)).isTrue();
    assertThat(got.stream().filter(s -> s[0] > T0 + 21 * 60_000L && s[0] < T0 + 60 * 60_000L)
        .allMatch(s -> s[1] == 2)).isTrue();
    assertThat(got.stream().filter(s -> s[0] > T0 + 61 * 60_000L).allMatch(s -> s[1] == 1)).isTrue();
    assertThat(samples(CompactionTestKit.dumpBlock(out.resolve(ulid)), ONLY_A)).hasSize(a[0].length);
    assertThat(meta.numSamples()).isEqualTo(got.size() + a[0].length);
    ThanosMeta t = meta.thanos().orElseThrow();
    assertThat(t.labels()).isEqualTo(Map.of("cluster", "eu1"));
  }

  @Test
  void byteIdenticalReplicasCollapseToOneCopy() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    long[][] a = replica(0, 200, 200);
    write(src, "01JA00000000000000000000RA", "a", a, 1);
    write(src, "01JA00000000000000000000RB", "b", a, 1);
    List<Path> blocks = Promtool.blocks(src);
    Path out = tmp.resolve("out");
    String ulid = "01JCXMPACT00000000000000PE";
    new BlockCompactor(DedupMode.PENALTY).compact(group(Map.of("cluster", "eu1"), 0, metas(blocks)), blocks, out,
        ulid);
    assertThat(ChunkInventory.of(List.of(out.resolve(ulid)))).isEqualTo(ChunkInventory.of(blocks.subList(0, 1)));
  }

  /** Timestamps every 15 s over 2 h from {@code T0 + offset}, without [gapFrom, gapTo) minutes; values unused. */
  private static long[][] replica(long offset, int gapFromMin, int gapToMin) {
    List<Long> ts = new ArrayList<>();
    for (long t = T0 + offset; t < T0 + 7_200_000L; t += STEP) {
      if (t >= T0 + gapFromMin * 60_000L && t < T0 + gapToMin * 60_000L) {
        continue;
      }
      ts.add(t);
    }
    return new long[][] {ts.stream().mapToLong(Long::longValue).toArray()};
  }

  private static void write(Path dir, String ulid, String replica, long[][] ts, double value) throws Exception {
    ThanosMeta thanos = ThanosMeta.create(Map.of("cluster", "eu1", "replica", replica), 0, "test");
    double[] vs = new double[ts[0].length];
    java.util.Arrays.fill(vs, value);
    try (BlockWriter w = new BlockWriter(dir, ulid, thanos)) {
      w.addSeries(UP, ts[0], vs, vs.length);
      if (replica.equals("a")) {
        w.addSeries(ONLY_A, ts[0], vs, vs.length);
      }
      w.commit();
    }
  }

  /** (timestamp, value) pairs of one series from promtool dump lines ("{labels} value ts"). */
  private static List<long[]> samples(List<String> dump, Labels series) {
    List<long[]> out = new ArrayList<>();
    for (String line : dump) {
      if (line.startsWith(series + " ")) {
        String[] p = line.split(" ");
        out.add(new long[] {Long.parseLong(p[p.length - 1]), (long) Double.parseDouble(p[p.length - 2])});
      }
    }
    return out;
  }

  /**
   * The penalty algorithm over two timestamp arrays (value 1 = replica a, 2 = replica b): each step moves both
   * cursors to the first timestamp at least lastT + 1 + their penalty, takes the smaller (a on ties), penalises the
   * other by twice the step from lastT (5000 ms at the start).
   */
  private static List<long[]> penaltyModel(long[] a, long[] b) {
    List<long[]> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    long penA = 0;
    long penB = 0;
    Long lastT = null;
    boolean aAlive = true;
    boolean bAlive = true;
    while (true) {
      if (lastT != null) {
        while (aAlive && i < a.length && a[i] < lastT + 1 + penA) {
          i++;
        }
        while (bAlive && j < b.length && b[j] < lastT + 1 + penB) {
          j++;
        }
      }
      aAlive &= i < a.length;
      bAlive &= j < b.length;
      if (!aAlive && !bAlive) {
        return out;
      }
      boolean takeA = aAlive && (!bAlive || a[i] <= b[j]);
      long t = takeA ? a[i] : b[j];
      if (aAlive && bAlive) {
        long pen = lastT == null ? 5000 : 2 * (t - lastT);
        if (takeA) {
          penB = pen;
        } else {
          penA = pen;
        }
      }
      if (takeA) {
        penA = 0;
      } else {
        penB = 0;
      }
      lastT = t;
      out.add(new long[] {t, takeA ? 1 : 2});
    }
  }
}
