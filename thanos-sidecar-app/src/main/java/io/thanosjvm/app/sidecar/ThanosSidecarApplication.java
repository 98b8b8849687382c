package io.thanosjvm.app.sidecar;

import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos sidecar}: thin wiring, like Thanos' {@code cmd/thanos/sidecar.go}. Serves the StoreAPI and
 * Info over the Prometheus at {@code --prometheus.url}.
 */
@SpringBootApplication
public class ThanosSidecarApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "sidecar";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosSidecarApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosSidecarApplication.class).run(springArgs);
  }
}
