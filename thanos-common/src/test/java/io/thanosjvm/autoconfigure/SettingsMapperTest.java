package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.HashFunc;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.queryfrontend.QueryRangeSettings;
import io.thanosjvm.store.bucket.StoreGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings records are derived from the properties with no hand mapping: every component of every settings
 * record finds its property (so a renamed field fails here, not at start-up), values are converted, and the record's
 * validation fails naming the property group.
 */
class SettingsMapperTest {

  /** Values that need run-time context (a clock), given by the app configurations. */
  private static final Map<String, Object> TIMES = Map.of("minTime", Long.MIN_VALUE, "maxTime", Long.MAX_VALUE);

  @Test
  void everySettingsRecordIsCoveredByItsProperties() {
    assertThat(SettingsMapper.uncovered(new ThanosCompactProperties(), CompactorSettings.class, TIMES)).isEmpty();
    assertThat(SettingsMapper.uncovered(new ThanosStoreProperties(), StoreGateway.Settings.class,
        Map.of("minTime", 0L, "maxTime", 0L, "selector", List.of()))).isEmpty();
    assertThat(SettingsMapper.uncovered(new ThanosQueryFrontendProperties().getQueryRange(),
        QueryRangeSettings.class, Map.of())).isEmpty();
    assertThat(SettingsMapper.map(new ThanosQueryProperties(), io.thanosjvm.tenancy.QueryTenancy.class,
        "thanos.query")).isEqualTo(io.thanosjvm.tenancy.QueryTenancy.DEFAULTS);
  }

  @Test
  void defaultPropertiesGiveThanosDefaults() {
    CompactorSettings c = SettingsMapper.map(new ThanosCompactProperties(), CompactorSettings.class,
        "thanos.compact", TIMES);
    CompactorSettings expected = CompactorSettings.builder(Path.of("./data")).build();
    assertThat(c).isEqualTo(expected);
    assertThat(new ThanosQueryFrontendProperties().queryRangeSettings()).isEqualTo(QueryRangeSettings.DEFAULTS);
  }

  @Test
  void convertsAndFindsValuesInNestedGroups() {
    ThanosCompactProperties p = new ThanosCompactProperties();
    p.setDataDir("/tmp/compact");
    p.setHashFunc("SHA256");
    p.setBlockMaxIndexSize("1GB");
    p.getSelector().setRelabelConfig("- action: keep\n  source_labels: [cluster]\n  regex: a\n");
    CompactorSettings c = SettingsMapper.map(p, CompactorSettings.class, "thanos.compact", TIMES);
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/compact"));
    assertThat(c.hashFunc()).isEqualTo(HashFunc.SHA256);
    assertThat(c.blockMaxIndexSizeBytes()).isEqualTo(1L << 30);
    assertThat(c.relabelConfigs()).hasSize(1);
  }

  @Test
  void theRecordsValidationFailsNamingThePropertyGroup() {
    ThanosCompactProperties p = new ThanosCompactProperties();
    p.setCompactConcurrency(0);
    assertThatThrownBy(() -> SettingsMapper.map(p, CompactorSettings.class, "thanos.compact", TIMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("thanos.compact: invalid concurrency level (0)");
    ThanosQueryFrontendProperties q = new ThanosQueryFrontendProperties();
    q.getQueryRange().setSplitInterval(Duration.ofHours(-1));
    assertThatThrownBy(q::queryRangeSettings)
        .hasMessageStartingWith("thanos.query-frontend.query-range: query-range durations must not be negative");
  }

  @Test
  void aComponentWithoutPropertyIsReportedByName() {
    record Unmapped(int noSuchSetting) {}
    assertThatThrownBy(() -> SettingsMapper.map(new ThanosCompactProperties(), Unmapped.class, "thanos.compact"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unmapped.noSuchSetting");
  }
}
