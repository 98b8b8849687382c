package io.thanosjvm.autoconfigure;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.thanosjvm.server.BuildInfo;
import java.util.Locale;

/** The registered {@code thanos_build_info} metric (constant 1, labelled with what was built). */
public final class BuildInfoMetric {

  private final Info info;

  private BuildInfoMetric(Info info) {
    this.info = info;
  }

  /** Registers the gauge in {@code registry}. */
  static BuildInfoMetric register(BuildInfo info, PrometheusRegistry registry) {
    // An Info metric named "thanos_build" is exposed as thanos_build_info{...} 1.
    Info metric = Info.builder()
        .name("thanos_build")
        .help("A metric with a constant '1' value labeled by version, revision, branch, and goversion from "
            + "which thanos was built.")
        .labelNames("branch", "goarch", "goos", "goversion", "revision", "tags", "version")
        .register(registry);
    metric.setLabelValues(info.branch(), System.getProperty("os.arch", "unknown"),
        System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT), info.runtimeVersion(),
        info.revision(), "jvm", info.version());
    return new BuildInfoMetric(metric);
  }

  /** The underlying metric. */
  public Info metric() {
    return info;
  }
}
