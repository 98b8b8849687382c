package io.thanosjvm.receive;

import io.thanosjvm.block.HashFunc;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How receive keeps its tenants' TSDBs.
 *
 * @param dataDir {@code --tsdb.path}: one TSDB per tenant at {@code <dataDir>/<tenant>}
 * @param tsdbOptions block range, retention, WAL settings of every tenant (external labels are set per tenant)
 * @param externalLabels {@code --label}: carried by every tenant's series and blocks
 * @param tenantLabelName {@code --receive.tenant-label-name}: the label naming the tenant ({@code tenant_id})
 * @param idleFlush tenants without appends for this long are flushed, shipped and closed (only while shipping to a
 *     bucket; Thanos uses {@code --tsdb.retention}); zero disables it
 * @param hashFunc {@code --hash-func} for shipped files
 */
public record MultiTsdbSettings(Path dataDir, TsdbOptions tsdbOptions, Labels externalLabels, String tenantLabelName,
    Duration idleFlush, HashFunc hashFunc) {

  /** Validates. */
  public MultiTsdbSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(tsdbOptions, "tsdbOptions");
    Objects.requireNonNull(externalLabels, "externalLabels");
    Objects.requireNonNull(idleFlush, "idleFlush");
    Objects.requireNonNull(hashFunc, "hashFunc");
    if (tenantLabelName == null || tenantLabelName.isEmpty()) {
      throw new IllegalArgumentException("the tenant label name must not be empty");
    }
    if (externalLabels.has(tenantLabelName)) {
      throw new IllegalArgumentException("--label must not set the tenant label " + tenantLabelName);
    }
    if (idleFlush.isNegative()) {
      throw new IllegalArgumentException("idle flush must not be negative");
    }
  }

  /** The external labels of one tenant: {@code --label} plus the tenant label. */
  public Labels tenantLabels(String tenant) {
    return externalLabels.toBuilder().set(tenantLabelName, tenant).build();
  }
}
