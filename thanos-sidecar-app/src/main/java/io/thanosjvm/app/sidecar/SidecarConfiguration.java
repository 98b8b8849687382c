package io.thanosjvm.app.sidecar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.thanosjvm.autoconfigure.ThanosSidecarProperties;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import io.thanosjvm.store.prometheus.PrometheusStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the sidecar: Prometheus client and state, StoreAPI, Info, readiness, metrics, refresh loop, and the
 * block shipper.
 */
@Configuration(proxyBeanMethods = false)
class SidecarConfiguration {

  @Bean
  PrometheusClient prometheusClient(ThanosSidecarProperties props) {
    return new PrometheusClient(new PrometheusEndpoint(props.getPrometheusUrl(), props.getGetConfigTimeout()));
  }

  @Bean
  PrometheusSidecarState prometheusSidecarState(PrometheusClient client) {
    return new PrometheusSidecarState(client);
  }

  @Bean
  PrometheusStore prometheusStore(PrometheusClient client, PrometheusSidecarState state) {
    return PrometheusStore.forSidecar(client, state);
  }

  /** Info; while shipping, min_time is the oldest local block's minTime (Thanos' sidecar does the same). */
  @Bean
  InfoService infoService(PrometheusSidecarState state, SidecarShipper shipper) {
    return new InfoService(() -> state.info(shipper.minTime()));
  }

  /** Readiness: Prometheus reachable and external labels present (included in the readiness group). */
  @Bean
  HealthIndicator prometheus(PrometheusSidecarState state) {
    return () -> state.ready() ? Health.up().build() : Health.down().withDetail("error", state.problem()).build();
  }

  @Bean
  MeterBinder sidecarPrometheusUp(PrometheusSidecarState state) {
    return registry -> Gauge.builder("thanos_sidecar_prometheus_up", () -> state.prometheusUp() ? 1 : 0)
        .description("Boolean indicator whether the sidecar can reach its Prometheus peer.").register(registry);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService sidecarRefreshLoop(PrometheusSidecarState state, ThanosSidecarProperties props) {
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sidecar-prometheus-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = props.getGetConfigInterval().toMillis();
    loop.scheduleWithFixedDelay(state::refresh, every, every, TimeUnit.MILLISECONDS);
    return loop;
  }

  /** Block shipping (active only with an object store configuration); started once Prometheus is ready. */
  @Bean(destroyMethod = "close")
  SidecarShipper sidecarShipper(ThanosSidecarProperties props, PrometheusSidecarState state,
      MeterRegistry registry) {
    return new SidecarShipper(props, state, registry, Clock.systemUTC());
  }

  /**
   * Waits for Prometheus (and its external labels) at start-up, failing start-up like Thanos when missing;
   * then starts the shipper (which checks Prometheus' block durations first).
   */
  @Bean
  ApplicationRunner awaitPrometheus(PrometheusSidecarState state, ThanosSidecarProperties props,
      SidecarShipper shipper) {
    return args -> {
      SidecarStartup.awaitPrometheus(state, props.getPrometheusReadyTimeout(), Clock.systemUTC());
      shipper.start();
    };
  }
}
