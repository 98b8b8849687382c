package io.thanosjvm.app.queryfrontend;

import io.thanosjvm.autoconfigure.ThanosQueryFrontendProperties;
import io.thanosjvm.cli.ThanosCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos query-frontend}: thin wiring, like Thanos' {@code cmd/thanos/query_frontend.go}. An HTTP-only
 * service in front of {@code --query-frontend.downstream-url} that splits, caches and retries range queries,
 * retries instant, label and series requests, and proxies everything else unchanged.
 */
@SpringBootApplication
@EnableConfigurationProperties(ThanosQueryFrontendProperties.class)
public class ThanosQueryFrontendApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = "query-frontend";

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosQueryFrontendApplication::run);
  }

  /** Starts the application with Spring arguments (already translated). */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return new SpringApplication(ThanosQueryFrontendApplication.class).run(springArgs);
  }
}
