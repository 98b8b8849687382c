package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.tsdb.TsdbSource;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receive's per-tenant TSDBs: directories, external labels, reopening, the store's label sets, idle flushing. */
class MultiTsdbTest {

  private static final long T0 = 1_718_841_600_000L;

  private Path dir;
  private MutableClock clock;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("multitsdb");
    clock = new MutableClock(Instant.ofEpochMilli(T0));
  }

  @AfterEach
  void tearDown() throws Exception {
    Promtool.deleteTree(dir);
  }

  private MultiTsdbSettings settings(Duration idle) {
    return new MultiTsdbSettings(dir.resolve("data"), TsdbOptions.defaults(), Labels.of("replica", "r0"),
        "tenant_id", idle, HashFunc.NONE);
  }

  private static void write(MultiTsdb m, String tenant, long t, double v) {
    m.write(tenant, tt -> {
      HeadAppender app = tt.tsdb().appender();
      app.append(Labels.of("__name__", "up", "job", tenant), t, v);
      app.commit();
      return null;
    });
  }

  @Test
  void eachTenantHasItsDirectoryAndLabelSetAndSurvivesAReopen() throws Exception {
    try (MultiTsdb m = new MultiTsdb(settings(Duration.ZERO), Optional.empty(), clock, new SimpleMeterRegistry())) {
      m.openExisting();
      write(m, "a", T0, 1);
      write(m, "b", T0, 2);
      assertThat(dir.resolve("data/a/wal")).isDirectory();
      assertThat(dir.resolve("data/b/wal")).isDirectory();
      assertThat(m.store().labelSets()).extracting(MultiTsdbTest::labels).containsExactly(
          Labels.of("replica", "r0", "tenant_id", "a"), Labels.of("replica", "r0", "tenant_id", "b"));
    }
    try (MultiTsdb m = new MultiTsdb(settings(Duration.ZERO), Optional.empty(), clock, new SimpleMeterRegistry())) {
      m.openExisting();
      assertThat(m.tenants()).containsOnlyKeys("a", "b");
      List<TsdbSource> sources = m.sources();
      assertThat(sources.get(0).tsdb().head().numSeries()).as("WAL replayed").isEqualTo(1);
    }
  }

  @Test
  void idleTenantsAreFlushedShippedWithTheirLabelsAndRemoved() throws Exception {
    Path bucketDir = Files.createDirectories(dir.resolve("bucket"));
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir);
        MultiTsdb m = new MultiTsdb(settings(Duration.ofHours(1)), Optional.of(bucket), clock,
            new SimpleMeterRegistry())) {
      write(m, "a", T0, 1);
      write(m, "a", T0 + 60_000, 2);
      clock.advance(Duration.ofMinutes(30));
      write(m, "b", T0 + 1_800_000, 3);
      clock.advance(Duration.ofMinutes(31));
      assertThat(m.flushIdle()).containsExactly("a");
      assertThat(m.tenants()).containsOnlyKeys("b");
      assertThat(dir.resolve("data/a")).doesNotExist();
      List<BlockMeta> shipped = new ArrayList<>();
      try (Stream<Path> s = Files.list(bucketDir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          shipped.add(BlockMeta.read(p.resolve(BlockMeta.FILE_NAME)));
        }
      }
      assertThat(shipped).hasSize(1);
      assertThat(shipped.get(0).thanos().orElseThrow().labels()).containsEntry("tenant_id", "a")
          .containsEntry("replica", "r0");
      assertThat(shipped.get(0).thanos().orElseThrow().source()).isEqualTo("receive");
      write(m, "a", T0 + 7_200_000, 4);
      assertThat(m.tenants()).as("written again: reopened").containsKeys("a", "b");
    }
  }

  private static Labels labels(ZLabelSet set) {
    Labels.Builder b = Labels.builder();
    set.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }
}
