package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: 24 SIGKILLs of a child JVM at random moments while 4 threads commit; after every restart (WAL replay,
 * torn tails repaired) every commit the child reported is there, exactly once, in blocks or head.
 */
class HeadCrashTest {

  private static final int THREADS = 4;
  private static final int KILLS = 24;
  private static final int MAX_KILLS = 60;

  @TempDir
  Path tmp;

  @Test
  void everyReportedCommitSurvivesRepeatedSigkills() throws Exception {
    Path data = tmp.resolve("data");
    Random random = new Random(15);
    Map<Integer, java.util.Set<Long>> committed = new HashMap<>();
    List<String> opens = new ArrayList<>();
    // at least KILLS runs, and more (up to MAX_KILLS) until the children have written enough to cut a block: how
    // much a child writes before its kill depends on the machine's load
    for (int kill = 0; kill < KILLS || (kill < MAX_KILLS && Promtool.blocks(data).isEmpty()); kill++) {
      try (ChildJvm child = new ChildJvm(HeadCrashMain.class, tmp.resolve("child.log"), data.toString(),
          Integer.toString(THREADS))) {
        opens.add(child.await("open", 120_000));
        Thread.sleep(100 + random.nextInt(900));
        for (String l : child.kill()) {
          if (l.startsWith("C ")) {
            String[] p = l.split(" ");
            committed.computeIfAbsent(Integer.parseInt(p[1]), x -> new java.util.HashSet<>()).add(Long.parseLong(p[2]));
          }
        }
      }
    }
    assertThat(committed).hasSize(THREADS);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LocalTsdb db = LocalTsdb.open(data, TsdbOptions.defaults().withWalSegmentSize(64 * 1024),
        InstantSource.fixed(Instant.ofEpochMilli(HeadCrashMain.BASE)), registry)) {
      Map<Labels, List<String>> all = StoredSamples.of(db, Long.MIN_VALUE, Long.MAX_VALUE);
      for (int w = 0; w < THREADS; w++) {
        for (int k = 0; k < HeadCrashMain.SERIES; k++) {
          List<String> got = all.get(HeadCrashMain.labels(w, k));
          assertThat(got).as("thread %d series %d", w, k).isNotNull();
          java.util.Set<Long> steps = new java.util.HashSet<>();
          for (String sample : got) {
            long t = Long.parseLong(sample.substring(0, sample.indexOf(' ')));
            long step = (t - HeadCrashMain.BASE) / HeadCrashMain.STEP;
            // each sample is the value its commit wrote, and no step is there twice
            assertThat(sample).isEqualTo(StoredSamples.sample(t, step));
            assertThat(steps.add(step)).as("step %d of thread %d series %d once", step, w, k).isTrue();
          }
          // every commit the child reported (a commit may land before its report was printed: more is fine)
          // (set difference, not AssertJ's containsAll: that compares element by element, quadratic in ~10^4 steps)
          java.util.Set<Long> missing = new java.util.TreeSet<>(committed.get(w));
          missing.removeAll(steps);
          assertThat(missing).as("reported commits of thread %d missing in series %d", w, k).isEmpty();
        }
      }
      // the WAL stays bounded: cut blocks truncated it
      assertThat(db.blocks()).isNotEmpty();
    }
    long walBytes;
    try (Stream<Path> s = Files.walk(data.resolve("wal"))) {
      walBytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.println("crash test: reported commits " + committed.values().stream().mapToInt(java.util.Set::size)
        .sum() + ", blocks " + Promtool.blocks(data).size() + ", WAL+checkpoint bytes " + walBytes
        + ", kills " + opens.size() + ", opens " + opens.get(opens.size() - 1));
  }
}
