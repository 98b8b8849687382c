package io.thanosjvm.app.allinone;

import io.thanosjvm.app.query.QueryConfiguration;
import io.thanosjvm.autoconfigure.ThanosComponents;
import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.cli.ThanosCommandLine;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code thanos all-in-one}: receive (remote write on {@code --remote-write.address}, 19291, as Thanos' receive
 * listens), the store gateway and the compactor over one bucket, and the querier fanning out to the receive heads,
 * the store gateway and any {@code --endpoint}, all pages and APIs on the one HTTP port. Its flags are those of
 * query, receive, store and compact (a flag several of them declare, such as {@code --objstore.config} or
 * {@code --data-dir}, sets each). Not component-scanned by {@code thanos query}: it lives outside that package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(ThanosReceiveProperties.class)
@Import({QueryConfiguration.class, AllInOneConfiguration.class})
public class ThanosAllInOneApplication {

  /** The component name on the command line. */
  public static final String COMPONENT = ThanosComponents.ALL_IN_ONE;

  /** Starts the component; {@code --help} prints flags and exits 0, a bad flag exits 2. */
  public static void main(String[] args) {
    ThanosCommandLine.launch(COMPONENT, args, ThanosAllInOneApplication::run);
  }

  /** Starts the application with Spring arguments (already translated), on the system clock. */
  public static ConfigurableApplicationContext run(String... springArgs) {
    return run(Clock.systemUTC(), springArgs);
  }

  /**
   * Starts the application on {@code clock}, which every part reads time from. Receive's TSDBs default to
   * {@code <data-dir>/receive} (not {@code ./data}, which holds the store gateway's and the compactor's work).
   */
  public static ConfigurableApplicationContext run(Clock clock, String... springArgs) {
    SpringApplication app = new SpringApplication(ThanosAllInOneApplication.class);
    app.setDefaultProperties(Map.of("thanos.receive.tsdb-path", "${thanos.store.data-dir:./data}/receive"));
    app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("allInOneClock", clock));
    return app.run(springArgs);
  }
}
