package io.thanosjvm.app.compact;

import io.thanosjvm.autoconfigure.CompactorRunner;
import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos compact}: thin wiring, like Thanos' {@code cmd/thanos/compact.go}. Compacts, deduplicates,
 * downsamples and applies retention to the blocks of the bucket in {@code --objstore.config(-file)}; with
 * {@code --wait} it repeats every {@code --wait-interval}, otherwise it runs once and exits 0 (success) or 1.
 */
@SpringBootApplication
public class ThanosCompactorApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "compact";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, springArgs -> {
      ConfigurableApplicationContext app = run(springArgs);
      CompactorRunner runner = app.getBean(CompactorRunner.class);
      if (!runner.continuous()) {
        int code = runner.runOnce();
        System.exit(SpringApplication.exit(app, () -> code));
      }
    });
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosCompactorApplication.class).run(springArgs);
  }
}
