package io.thanosjvm.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL does not grow with the data: a day of samples goes through a local TSDB with small WAL segments, the
 * head compacted every hour as data arrives; every block cut truncates the head and checkpoints the WAL, so its
 * size (segments and checkpoint) stays within what the last few hours need.
 */
class LocalTsdbWalBoundTest {

  private static final long H = 3_600_000L;
  private static final long BASE = (1_790_000_000_000L / (2 * H)) * (2 * H);

  @TempDir
  Path dir;

  @Test
  void walAndCheckpointSizeStaysBoundedAcrossTruncations() throws Exception {
    List<Labels> series = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      series.add(Labels.of("__name__", "requests_total", "instance", "i" + i));
    }
    long[] sizeAtHour = new long[25];
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWalSegmentSize(32 * 1024),
        InstantSource.fixed(Instant.ofEpochMilli(BASE)), new SimpleMeterRegistry())) {
      for (long t = BASE; t < BASE + 24 * H; t += 15_000) {
        HeadAppender a = db.appender();
        for (int i = 0; i < series.size(); i++) {
          a.append(series.get(i), t, (t - BASE) / 15_000.0 * (i + 1));
        }
        a.commit();
        if ((t - BASE) % H == H - 15_000) {
          // appends here run far faster than real time: let the cut (queued after commits) happen now
          db.compact();
          sizeAtHour[(int) ((t - BASE) / H) + 1] = size(dir.resolve("wal"));
        }
      }
      assertThat(db.blocks()).hasSizeGreaterThanOrEqualTo(10);
    }
    long earlyMax = 0;
    for (int h = 1; h <= 6; h++) {
      earlyMax = Math.max(earlyMax, sizeAtHour[h]);
    }
    long lateMax = 0;
    for (int h = 12; h <= 24; h++) {
      lateMax = Math.max(lateMax, sizeAtHour[h]);
    }
    System.out.printf("WAL+checkpoint bytes per hour: %s%n", java.util.Arrays.toString(sizeAtHour));
    // without truncation the WAL would hold 24h of samples, four times what it holds at hour 6
    assertThat(lateMax).as("WAL size in the second half of the day vs its first 6 hours")
        .isLessThanOrEqualTo(earlyMax + earlyMax / 2);
    assertThat(sizeAtHour[24]).isLessThan(sizeAtHour[6] * 2);
  }

  /** Bytes of the files under {@code p}; walks again when a truncation deletes a file during the walk. */
  private static long size(Path p) {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(Files::isRegularFile).mapToLong(f -> {
          try {
            return Files.size(f);
          } catch (IOException gone) {
            return 0;
          }
        }).sum();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 10) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
