package io.thanosjvm.app.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.api.DownsamplingParams;
import io.thanosjvm.api.QueryApi;
import io.thanosjvm.autoconfigure.SettingsMapper;
import io.thanosjvm.discovery.DnsResolver;
import io.thanosjvm.discovery.JndiDnsLookup;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.tenancy.QueryTenancy;
import io.thanosjvm.api.QueryGate;
import io.thanosjvm.api.StatusApi;
import io.thanosjvm.cli.FlagKind;
import io.thanosjvm.cli.FlagSpec;
import io.thanosjvm.cli.Components;
import io.thanosjvm.server.BuildInfo;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import io.thanosjvm.autoconfigure.ThanosQueryProperties;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import java.time.Clock;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.query.QueryInfo;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.rules.RulesFanout;
import io.thanosjvm.api.QueryRulesApi;
import io.thanosjvm.query.proxy.ProxyStore;
import io.thanosjvm.wire.storepb.StoreGrpc;
import io.thanosjvm.server.grpc.GrpcClientMetricsInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the querier's StoreAPI side: endpoints polled every 5 s (the configured ones plus, in the all-in-one, its
 * in-process parts' {@link LocalEndpoints}), the proxy store, and Info. Time comes from a {@link Clock} bean when
 * the context has one (the all-in-one's), else the system clock. Public so the all-in-one imports it.
 */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

  /** Thanos' {@code --endpoint.info-timeout}: Info polling period and deadline. */
  static final Duration INFO_INTERVAL = Duration.ofSeconds(5);

  private static Clock clock(ObjectProvider<Clock> clock) {
    return clock.getIfAvailable(Clock::systemUTC);
  }

  @Bean(destroyMethod = "close")
  EndpointSet endpointSet(ThanosQueryProperties props, GrpcClientMetricsInterceptor metrics,
      ObjectProvider<LocalEndpoints> local, ObjectProvider<Clock> clock) {
    List<String> addresses = new ArrayList<>(props.getEndpoints());
    local.ifAvailable(l -> addresses.addAll(l.addresses()));
    EndpointSet set = new EndpointSet(addresses, INFO_INTERVAL, List.of(metrics),
        SettingsMapper.map(props.getGrpcClientTls(), GrpcClientTls.class, "thanos.query"),
        new DnsResolver(JndiDnsLookup.system()), props.getStoreSdDnsInterval(), clock(clock));
    set.refresh();
    return set;
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService endpointRefreshLoop(EndpointSet endpoints) {
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("endpoint-refresh"));
    loop.scheduleWithFixedDelay(endpoints::refresh, INFO_INTERVAL.toMillis(), INFO_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return loop;
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService storeReaders() {
    return Executors.newCachedThreadPool(daemon("store-reader"));
  }

  @Bean(destroyMethod = "close")
  QueryDeletions queryDeletions(ThanosQueryProperties props, MeterRegistry meters, ObjectProvider<Clock> clock)
      throws java.io.IOException {
    return QueryDeletions.create(props, meters, clock(clock));
  }

  /** The proxy over the stores, seen through the recorded deletion requests when the admin API is on. */
  @Bean
  StoreGrpc.StoreImplBase proxyStore(EndpointSet endpoints, ExecutorService storeReaders, ThanosQueryProperties props,
      QueryDeletions deletions) {
    return deletions.filter(new ProxyStore(endpoints::stores, storeReaders, props.getTimeout()));
  }

  @Bean
  InfoService infoService(EndpointSet endpoints) {
    return new InfoService(() -> Optional.of(QueryInfo.of(endpoints.stores())));
  }

  @Bean
  Engine promqlEngine(ThanosQueryProperties props, ObjectProvider<Clock> clock) {
    return new Engine(new EngineOptions(props.getLookbackDelta(), EngineOptions.defaults().maxSamples(),
        props.getTimeout(), Duration.ofMinutes(1), clock(clock)));
  }

  @Bean
  QueryApi queryApi(Engine engine, StoreGrpc.StoreImplBase proxy, ThanosQueryProperties props, ObjectProvider<Clock> clock) {
    return new QueryApi(engine, proxy, clock(clock), props.isPartialResponse(), props.getReplicaLabels(),
        new DownsamplingParams(props.isAutoDownsampling(), props.getInstantDefaultMaxSourceResolution(),
            props.isDynamicLookbackDelta()))
        .withTenancy(SettingsMapper.map(props, QueryTenancy.class, "thanos.query"));
  }

  @Bean
  QueryGate queryGate(ThanosQueryProperties props, MeterRegistry registry) {
    return new QueryGate(props.getMaxConcurrent(), registry);
  }

  @Bean
  StatusApi statusApi(BuildInfo build, EndpointSet endpoints, Environment env) {
    Map<String, String> flags = new TreeMap<>();
    for (FlagSpec f : Components.component(ThanosQueryApplication.COMPONENT).flags()) {
      if (f.kind() != FlagKind.NOT_IMPLEMENTED) {
        String v = f.kind() == FlagKind.LIST || f.kind() == FlagKind.COMMA_LIST
            ? String.join(",", Binder.get(env).bind(f.property(), Bindable.listOf(String.class)).orElse(List.of()))
            : env.getProperty(f.property(), f.defaultValue());
        flags.put(f.flag(), v);
      }
    }
    return new StatusApi(build, endpoints, flags);
  }

  @Bean
  RouterFunction<ServerResponse> queryApiRoutes(QueryApi api, QueryGate gate, StatusApi status,
      QueryDeletions deletions) {
    return QueryApiRoutes.routes(api, gate, status, Schedulers.boundedElastic())
        .and(QueryApiRoutes.adminRoutes(deletions.api(), Schedulers.boundedElastic()));
  }

  /** {@code /api/v1/rules} and {@code /api/v1/alerts} fanned out to the endpoints whose Info advertises rules. */
  @Bean
  RouterFunction<ServerResponse> queryRulesRoutes(EndpointSet endpoints, ExecutorService storeReaders,
      ThanosQueryProperties props) {
    RulesFanout fanout = new RulesFanout(endpoints::rulesEndpoints, props.getTimeout(), storeReaders);
    return QueryRulesRoutes.routes(new QueryRulesApi(fanout, props.isPartialResponse(), props.getReplicaLabels()),
        Schedulers.boundedElastic());
  }

  @Bean
  RouterFunction<ServerResponse> queryUiRoutes() {
    return QueryUiRoutes.routes();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
