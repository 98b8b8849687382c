package io.thanosjvm.app.rule;

import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos rule}: thin wiring, like Thanos' {@code cmd/thanos/rule.go}. Evaluates the rule files through the
 * {@code --query} servers, keeps the results in a local TSDB served over the StoreAPI (and shipped when a bucket is
 * configured), sends alerts to {@code --alertmanagers.url}.
 */
@SpringBootApplication
public class ThanosRuleApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "rule";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosRuleApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosRuleApplication.class).run(springArgs);
  }
}
