package io.thanosjvm.app.query;

import io.thanosjvm.app.allinone.DemoLauncher;
import io.thanosjvm.app.allinone.ThanosAllInOneApplication;
import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos query}: thin wiring, like Thanos' {@code cmd/thanos/query.go}. Thanos flags are translated
 * through the flag table; everything else comes from thanos-common's auto-configuration.
 */
@SpringBootApplication
public class ThanosQueryApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "query";

  /**
   * Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. A first argument
   * {@code all-in-one} starts the all-in-one instead (receive, store gateway, compactor and querier in this
   * process), {@code demo} the all-in-one over generated data that reaches the present.
   */
  public static void main(String[] args) {
    String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    if (args.length > 0 && args[0].equals(DemoLauncher.COMPONENT)) {
      DemoLauncher.main(rest);
      return;
    }
    if (args.length > 0 && args[0].equals(ThanosAllInOneApplication.COMPONENT)) {
      ThanosAllInOneApplication.main(rest);
      return;
    }
    ThanosCommandLine.launch(COMPONENT, args, ThanosQueryApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosQueryApplication.class).run(springArgs);
  }
}
