package io.thanosjvm.app.rule;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.api.RulesApi;
import io.thanosjvm.autoconfigure.ThanosRuleProperties;
import io.thanosjvm.head.HeadOptions;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.head.TsdbQueryable;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.RemoteWriteSampleSink;
import io.thanosjvm.rules.Ruler;
import io.thanosjvm.rules.RulerConfig;
import io.thanosjvm.rules.RulesService;
import io.thanosjvm.rules.SampleSink;
import io.thanosjvm.rules.TsdbSampleSink;
import io.thanosjvm.store.tsdb.TsdbStore;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.RulesInfo;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the ruler: the local TSDB (head + WAL in {@code --data-dir}), the rule evaluation ({@link Ruler}), the
 * StoreAPI and Info (component type {@code rule}) over the TSDB, the gRPC Rules API, the rules/alerts HTTP API and
 * reload, the shipper. Stateless mode ({@code --remote-write.config(-file)}): no TSDB, StoreAPI or shipper; results
 * go through remote write.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThanosRuleProperties.class)
class RuleConfiguration {

  @Bean
  Labels rulerExternalLabels(ThanosRuleProperties props) {
    return RulerSettings.externalLabels(props);
  }

  @Bean(destroyMethod = "close")
  @Conditional(StatefulCondition.class)
  LocalTsdb rulerTsdb(ThanosRuleProperties props, Labels rulerExternalLabels, MeterRegistry registry)
      throws IOException {
    TsdbOptions options = TsdbOptions.defaults()
        .withHead(new HeadOptions(props.getTsdbBlockDuration().toMillis(), 0, 0))
        .withRetention(props.getTsdbRetention())
        .withWalCompression(props.isTsdbWalCompression())
        .withExternalLabels(rulerExternalLabels.toMap());
    return LocalTsdb.open(Path.of(props.getDataDir()), options, Clock.systemUTC(), registry);
  }

  /**
   * Rule evaluation; a bad rule file fails start-up, as in Thanos. Results go to the local TSDB, or in stateless
   * mode through remote write (then no {@code for} state is restored at start).
   */
  @Bean(destroyMethod = "close")
  Ruler ruler(ThanosRuleProperties props, ObjectProvider<LocalTsdb> rulerTsdb, Labels rulerExternalLabels,
      MeterRegistry registry, org.springframework.core.env.Environment env) {
    LocalTsdb tsdb = rulerTsdb.getIfAvailable();
    RulerConfig config = RulerSettings.config(props, rulerExternalLabels, env);
    if (tsdb == null) {
      SampleSink sink = new RemoteWriteSampleSink(RulerSettings.remoteWrite(props), rulerExternalLabels,
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), registry);
      return Ruler.start(config, sink, null, registry, Clock.systemUTC());
    }
    return Ruler.start(config, new TsdbSampleSink(tsdb), new TsdbQueryable(tsdb), registry, Clock.systemUTC());
  }

  @Bean
  @Conditional(StatefulCondition.class)
  TsdbStore rulerStore(LocalTsdb rulerTsdb, Labels rulerExternalLabels) {
    return TsdbStore.of(rulerTsdb, rulerExternalLabels);
  }

  /**
   * Info: component type rule, the StoreAPI over the TSDB (not in stateless mode), and the Rules API advertised.
   */
  @Bean
  InfoService infoService(ObjectProvider<TsdbStore> rulerStore, Labels rulerExternalLabels) {
    TsdbStore store = rulerStore.getIfAvailable();
    if (store == null) {
      ZLabelSet.Builder set = ZLabelSet.newBuilder();
      rulerExternalLabels.forEach(l -> set.addLabels(io.thanosjvm.wire.labelpb.Label.newBuilder().setName(l.name())
          .setValue(l.value())));
      InfoResponse info = InfoResponse.newBuilder().setComponentType("rule").addLabelSets(set)
          .setRules(RulesInfo.getDefaultInstance()).build();
      return new InfoService(() -> Optional.of(info));
    }
    return new InfoService(() -> Optional.of(store.info("rule").toBuilder()
        .setRules(RulesInfo.getDefaultInstance()).build()));
  }

  /** gRPC {@code thanos.Rules/Rules}: the groups with the external labels, for queriers' rules/alerts fan-out. */
  @Bean
  RulesService rulesService(Ruler ruler, Labels rulerExternalLabels) {
    return new RulesService(ruler::groups, rulerExternalLabels);
  }

  /** Readiness: the rules are loaded (the ruler bean exists once they are). */
  @Bean
  HealthIndicator rulesLoadedHealthIndicator(Ruler ruler) {
    return () -> Health.up().withDetail("groups", ruler.groups().size()).build();
  }

  @Bean
  RouterFunction<ServerResponse> ruleRoutes(Ruler ruler) {
    return RuleRoutes.routes(ruler, new RulesApi(ruler::groups));
  }

  @Bean(destroyMethod = "close")
  ReloadSignal reloadSignal(Ruler ruler) {
    return ReloadSignal.install(ruler);
  }

  @Bean(destroyMethod = "close")
  @Conditional(StatefulCondition.class)
  RuleShipper ruleShipper(ThanosRuleProperties props, LocalTsdb rulerTsdb, Labels rulerExternalLabels,
      MeterRegistry registry) throws IOException {
    return RuleShipper.start(props, rulerTsdb, rulerExternalLabels, registry);
  }
}
