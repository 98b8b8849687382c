package io.thanosjvm.app.store;

import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos store}: thin wiring, like Thanos' {@code cmd/thanos/store.go}. Serves the blocks of the bucket in
 * {@code --objstore.config(-file)} over the StoreAPI and Info.
 */
@SpringBootApplication
public class ThanosStoreApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "store";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosStoreApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosStoreApplication.class).run(springArgs);
  }
}
