package io.thanosjvm.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactorSettingsTest {

  private final Path data = Path.of("data");

  @Test
  void defaultsAreThanosFlagDefaults() {
    CompactorSettings s = CompactorSettings.builder(data).build();
    assertThat(s.consistencyDelay()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.deleteDelay()).isEqualTo(Duration.ofHours(48));
    assertThat(s.retentionRaw()).isZero();
    assertThat(s.compactConcurrency()).isEqualTo(1);
    assertThat(s.downsampleConcurrency()).isEqualTo(1);
    assertThat(s.haltOnError()).isTrue();
    assertThat(s.maxCompactionLevel()).isEqualTo(4);
    assertThat(s.blockMaxIndexSizeBytes()).isEqualTo(64L << 30);
    assertThat(s.metaFetchConcurrency()).isEqualTo(32);
    assertThat(s.compactDir()).isEqualTo(data.resolve("compact"));
    assertThat(s.downsampleDir()).isEqualTo(data.resolve("downsample"));
    assertThat(s.plannerConfig().ranges()).hasSize(5);
    assertThat(s.verticalCompactionEnabled()).isFalse();
  }

  @Test
  void rawRetentionShorterThan40hIsRefusedWhileDownsampling() {
    assertThatThrownBy(() -> CompactorSettings.builder(data)
        .retention(Duration.ofHours(39), Duration.ZERO, Duration.ZERO).build())
        .hasMessage("raw resolution must be higher than the minimum block size after which 5m resolution"
            + " downsampling will occur (40 hours)");
    assertThat(CompactorSettings.builder(data).downsamplingDisabled(true)
        .retention(Duration.ofHours(39), Duration.ZERO, Duration.ZERO).build().retentionRaw())
        .isEqualTo(Duration.ofHours(39));
    assertThat(CompactorSettings.builder(data).retention(Duration.ofHours(40), Duration.ZERO, Duration.ZERO).build()
        .retention(0)).isEqualTo(Duration.ofHours(40));
  }

  @Test
  void fiveMinuteRetentionShorterThan10DaysIsRefusedWhileDownsampling() {
    assertThatThrownBy(() -> CompactorSettings.builder(data)
        .retention(Duration.ZERO, Duration.ofDays(9), Duration.ZERO).build())
        .hasMessage("5m resolution retention must be higher than the minimum block size after which 1h resolution"
            + " downsampling will occur (10 days)");
  }

  @Test
  void invalidCombinationsAreRefused() {
    assertThatThrownBy(() -> CompactorSettings.builder(data).concurrency(0, 1).build())
        .hasMessageContaining("concurrency level must be > 0");
    assertThatThrownBy(() -> CompactorSettings.builder(data).deduplication(List.of(), "penalty").build())
        .hasMessageContaining("at least one replica label");
    assertThatThrownBy(() -> CompactorSettings.builder(data).deduplication(List.of("replica"), "chain").build())
        .hasMessage("unsupported deduplication func, got chain");
    assertThatThrownBy(() -> CompactorSettings.builder(data).timeRange(10, 5).build())
        .hasMessageContaining("min time");
    assertThatThrownBy(() -> CompactorSettings.builder(data).maxCompactionLevel(5).build())
        .hasMessageContaining("max compaction level");
    assertThatThrownBy(() -> CompactorSettings.builder(data).deleteDelay(Duration.ofHours(-1)).build())
        .hasMessageContaining("negative delete delay");
  }

  @Test
  void replicaLabelsEnableVerticalCompaction() {
    CompactorSettings s = CompactorSettings.builder(data).deduplication(List.of("replica"), "penalty").build();
    assertThat(s.verticalCompactionEnabled()).isTrue();
    assertThat(s.plannerConfig().verticalCompaction()).isTrue();
  }
}
