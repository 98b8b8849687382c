package io.thanosjvm.app.sidecar;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sidecar's start-up wait for its Prometheus. */
final class SidecarStartup {

  private static final Logger LOG = LoggerFactory.getLogger(SidecarStartup.class);

  private SidecarStartup() {}

  /**
   * Refreshes until Prometheus is ready with external labels.
   *
   * @throws IllegalStateException when Prometheus has no external labels, or is not ready within the timeout
   */
  static void awaitPrometheus(PrometheusSidecarState state, Duration timeout, Clock clock)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      state.refresh();
      if (state.ready()) {
        LOG.info("successfully loaded prometheus external labels");
        return;
      }
      if (state.prometheusUp()) {
        throw new IllegalStateException(state.problem());
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new IllegalStateException("prometheus not ready within --" + FlagNames.PROMETHEUS_READY_TIMEOUT + "=" + timeout
            + ": " + state.problem());
      }
      LOG.atInfo().addKeyValue("err", state.problem()).log("failed to fetch initial external labels; retrying");
      Thread.sleep(1000);
    }
  }
}
