package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTsdbBlockCutTest {

  private static final long H = 3_600_000L;
  /** An aligned 2h boundary in 2026. */
  private static final long BASE = (1_790_000_000_000L / (2 * H)) * (2 * H);

  @TempDir
  Path dir;

  /** Lines as promtool tsdb dump prints them, for values it prints without exponent. */
  static String line(Labels l, double v, long t) {
    String val;
    if (Double.isNaN(v)) {
      val = "NaN";
    } else if (Double.isInfinite(v)) {
      val = v > 0 ? "+Inf" : "-Inf";
    } else {
      val = Long.toString((long) v);
    }
    return l + " " + val + " " + t;
  }

  @Test
  void headIsCutIntoAlignedBlocksThatPromtoolReadsBack() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Path> cut = new ArrayList<>();
    TreeSet<String> expectedFirst = new TreeSet<>();
    long start = BASE + 17 * 60_000L; // head min time not aligned
    long firstMaxt = BASE + 2 * H;
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWal(false),
        InstantSource.fixed(Instant.ofEpochMilli(start)), registry)) {
      db.addBlockListener((d, m) -> cut.add(d));
      for (long t = start; t <= BASE + 5 * H; t += 15_000) {
        HeadAppender a = db.appender();
        int i = (int) ((t - start) / 15_000);
        List<Labels> ls = new ArrayList<>();
        ls.add(Labels.of("__name__", "requests_total", "job", "a"));
        ls.add(Labels.of("__name__", "temperature", "job", "a"));
        // churn: a new series every 30 minutes, each living 40 minutes
        long gen = (t - start) / (30 * 60_000L);
        ls.add(Labels.of("__name__", "churn", "pod", "p" + gen));
        if ((t - start) % (30 * 60_000L) < 10 * 60_000L && gen > 0) {
          ls.add(Labels.of("__name__", "churn", "pod", "p" + (gen - 1)));
        }
        for (Labels l : ls) {
          double v = switch (l.metricName()) {
            case "requests_total" -> i;
            case "temperature" -> i % 7 == 3 ? Double.NaN : i % 11 == 5 ? Double.POSITIVE_INFINITY
                : i % 13 == 6 ? Double.NEGATIVE_INFINITY : i % 17;
            default -> i % 5 == 4 ? StaleMarker.STALE_NAN : 1;
          };
          a.append(l, t, v);
          if (t < firstMaxt) {
            expectedFirst.add(line(l, v, t));
          }
        }
        a.commit();
      }
      db.compact();
      List<BlockMeta> blocks = db.blocks();
      assertThat(blocks).hasSize(1);
      BlockMeta first = blocks.get(0);
      assertThat(first.minTime()).isEqualTo(start);
      assertThat(first.maxTime()).isEqualTo(firstMaxt);
      assertThat(cut).containsExactly(dir.resolve(first.ulid()));
      assertThat(db.head().minTime()).isEqualTo(firstMaxt);
      assertThat(db.head().minValidTime()).isEqualTo(firstMaxt);
      // churned series with no samples left were collected
      assertThat(db.head().labelValues("pod")).doesNotContain("p0", "p1", "p2");
      assertThat(registry.find("prometheus_tsdb_compactions").counter().count()).isEqualTo(1);
      assertThat(registry.find("prometheus_tsdb_blocks_loaded").gauge().value()).isEqualTo(1);

      String analyze = Promtool.analyze(dir, first.ulid());
      assertThat(analyze).contains("Block ID: " + first.ulid()).contains("Series: " + first.numSeries());
      Path only = dir.resolve("only-first");
      Promtool.copyTree(dir.resolve(first.ulid()), only.resolve(first.ulid()));
      TreeSet<String> dumped = new TreeSet<>(List.of(Promtool.dump(only).split("\n")));
      assertThat(dumped).isEqualTo(expectedFirst);
      Promtool.deleteTree(only);

      // the querier sees block + head as one source, without gaps or duplicates
      Iterator<StoredSeries> it = db.select(start, BASE + 5 * H,
          List.of(Matcher.equal("__name__", "requests_total")));
      StoredSeries s = it.next();
      SampleIterator si = s.iterator();
      long n = 0;
      while (si.next()) {
        assertThat(si.atV()).isEqualTo((double) n);
        n++;
      }
      assertThat(n).isEqualTo((BASE + 5 * H - start) / 15_000 + 1);
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void retentionDeletesBlocksTooFarBehindTheNewest() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWal(false).withRetention(Duration.ofHours(3)),
        InstantSource.fixed(Instant.ofEpochMilli(BASE)), registry)) {
      for (long t = BASE; t <= BASE + 12 * H; t += 60_000) {
        HeadAppender a = db.appender();
        a.append(Labels.of("__name__", "up"), t, 1);
        a.commit();
      }
      db.compact();
      List<BlockMeta> blocks = db.blocks();
      // blocks up to [8h,10h) were cut; only those whose max time is within 3h of the newest's remain
      long newest = blocks.get(blocks.size() - 1).maxTime();
      assertThat(newest).isEqualTo(BASE + 10 * H);
      assertThat(blocks).allSatisfy(b -> assertThat(newest - b.maxTime()).isLessThanOrEqualTo(3 * H));
      assertThat(blocks).hasSize(2);
      assertThat(Promtool.blocks(dir)).hasSize(2);
    }
  }

  @Test
  void thanosMetaCarriesExternalLabelsWhenConfigured() throws Exception {
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWal(false)
        .withExternalLabels(Map.of("replica", "r1")), InstantSource.fixed(Instant.ofEpochMilli(BASE)),
        new SimpleMeterRegistry())) {
      for (long t = BASE; t <= BASE + 4 * H; t += 60_000) {
        HeadAppender a = db.appender();
        a.append(Labels.of("__name__", "up"), t, 1);
        a.commit();
      }
      List<BlockMeta> cut = db.compact();
      assertThat(cut).hasSize(1);
      assertThat(cut.get(0).thanos().orElseThrow().labels()).isEqualTo(Map.of("replica", "r1"));
    }
  }
}
