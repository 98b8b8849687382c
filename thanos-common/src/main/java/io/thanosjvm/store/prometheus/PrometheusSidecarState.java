package io.thanosjvm.store.prometheus;

import io.thanosjvm.model.Labels;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.util.Optional;

/**
 * What a sidecar knows about its Prometheus, refreshed periodically: whether it answers, and the external
 * labels of its running configuration. A Prometheus without external labels is refused, as Thanos does:
 * every Prometheus behind a querier must be uniquely identified.
 */
public final class PrometheusSidecarState {

  /** The message for a Prometheus without external labels. */
  public static final String NO_EXTERNAL_LABELS = "no external labels configured on Prometheus server, uniquely "
      + "identifying external labels must be configured; see https://thanos.io/tip/thanos/storage.md#external-labels";

  private final PrometheusClient prometheus;
  private volatile Labels externalLabels = Labels.EMPTY;
  private volatile boolean up;
  private volatile String lastError = "not checked yet";

  /** State for {@code prometheus}; call {@link #refresh()} before use. */
  public PrometheusSidecarState(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  /** Re-checks readiness and re-reads the external labels; never throws. */
  public void refresh() {
    try {
      if (!prometheus.ready()) {
        up = false;
        lastError = "prometheus at " + prometheus.endpoint().baseUrl() + " is not ready";
        return;
      }
      externalLabels = prometheus.externalLabels();
      up = true;
      lastError = externalLabels.isEmpty() ? NO_EXTERNAL_LABELS : "";
    } catch (StoreRequestException e) {
      up = false;
      lastError = e.getMessage();
    }
  }

  /** Whether Prometheus answered the last check. */
  public boolean prometheusUp() {
    return up;
  }

  /** Whether the sidecar can serve: Prometheus up and external labels present. */
  public boolean ready() {
    return up && !externalLabels.isEmpty();
  }

  /** Why it is not ready ("" when ready). */
  public String problem() {
    return ready() ? "" : lastError;
  }

  /**
   * The external labels for serving.
   *
   * @throws StoreRequestException unavailable while not ready
   */
  public Labels servingExternalLabels() {
    if (!ready()) {
      throw StoreRequestException.unavailable(problem(), null);
    }
    return externalLabels;
  }

  /** The Info answer (ComponentType {@code sidecar}), or empty while not ready. */
  public Optional<InfoResponse> info(long minTime) {
    if (!ready()) {
      return Optional.empty();
    }
    ZLabelSet.Builder set = ZLabelSet.newBuilder();
    externalLabels.forEach(l -> set.addLabels(Label.newBuilder().setName(l.name()).setValue(l.value())));
    return Optional.of(InfoResponse.newBuilder()
        .addLabelSets(set)
        .setComponentType("sidecar")
        .setStore(StoreInfo.newBuilder().setMinTime(minTime).setMaxTime(Long.MAX_VALUE)
            .setSupportsSharding(true).setSupportsWithoutReplicaLabels(true))
        .build());
  }
}
