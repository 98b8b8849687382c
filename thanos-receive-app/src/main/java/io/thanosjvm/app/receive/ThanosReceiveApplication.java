package io.thanosjvm.app.receive;

import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos receive}: thin wiring, like Thanos' {@code cmd/thanos/receive.go}. Accepts Prometheus remote write
 * on {@code --remote-write.address}, stores per tenant, forwards and replicates along the hashring, serves the
 * StoreAPI, Info and {@code WriteableStore} on gRPC, probes and metrics on HTTP.
 */
@SpringBootApplication
@EnableConfigurationProperties(ThanosReceiveProperties.class)
public class ThanosReceiveApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "receive";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosReceiveApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosReceiveApplication.class).run(springArgs);
  }
}
