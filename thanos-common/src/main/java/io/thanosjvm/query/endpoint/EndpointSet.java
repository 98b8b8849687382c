package io.thanosjvm.query.endpoint;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.discovery.DnsResolver;
import io.thanosjvm.discovery.JndiDnsLookup;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.rulespb.RulesGrpc;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The querier's endpoints: one channel per address, static or discovered by DNS (clients ping every 10 s, as
 * Thanos does), and the last Info answer of each. {@link #refresh()} polls every endpoint's Info with a deadline;
 * an endpoint whose Info fails (or that serves no StoreAPI) is not used until it answers again.
 */
public final class EndpointSet implements AutoCloseable {

  /** The last Info result of one endpoint. */
  public record Status(String address, InfoResponse info, String error) {}

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, Status> status = new ConcurrentHashMap<>();
  private final Duration infoTimeout;
  private final List<String> configured;
  private final List<ClientInterceptor> interceptors;
  private final GrpcClientTls tls;
  private final DnsResolver resolver;
  private final Duration dnsInterval;
  private final InstantSource clock;
  private volatile Instant lastResolve;
  private volatile List<String> dnsErrors = List.of();

  /**
   * Channels to {@code addresses} ({@code host:port}).
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors) {
    this(addresses, infoTimeout, interceptors, GrpcClientTls.PLAINTEXT);
  }

  /**
   * Channels to {@code addresses} ({@code host:port}, or DNS names with Thanos' prefixes resolved by the system's
   * resolvers every 30 s) dialled as {@code tls} says.
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors,
      GrpcClientTls tls) {
    this(addresses, infoTimeout, interceptors, tls, new DnsResolver(JndiDnsLookup.system()), Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  /**
   * Channels to the addresses {@code resolver} makes of {@code addresses} ({@code host:port}, {@code dns+host:port},
   * {@code dnssrv+name}, {@code dnssrvnoa+name}), resolved again at most every {@code dnsInterval}
   * ({@code --store.sd-dns-interval}): channels of addresses that appear are opened, of those that vanish closed.
   *
   * @throws IllegalArgumentException for an address of no known form
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors,
      GrpcClientTls tls, DnsResolver resolver, Duration dnsInterval, InstantSource clock) {
    this.infoTimeout = Objects.requireNonNull(infoTimeout, "infoTimeout");
    this.configured = List.copyOf(addresses);
    this.configured.forEach(DnsResolver::validate);
    this.interceptors = List.copyOf(interceptors);
    this.tls = Objects.requireNonNull(tls, "tls");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.dnsInterval = Objects.requireNonNull(dnsInterval, "dnsInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Resolves the addresses when due, then polls every endpoint's Info once (each bounded by the Info timeout). */
  public void refresh() {
    Instant now = clock.instant();
    if (lastResolve == null || !now.isBefore(lastResolve.plus(dnsInterval))) {
      lastResolve = now;
      reconcile();
    }
    channels.forEach((address, channel) -> {
      try {
        InfoResponse info = InfoGrpc.newBlockingStub(channel)
            .withDeadlineAfter(infoTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .info(InfoRequest.getDefaultInstance());
        status.put(address, new Status(address, info, info.hasStore() ? "" : "does not serve the StoreAPI"));
      } catch (RuntimeException e) {
        status.put(address, new Status(address, null, e.getMessage()));
      }
    });
  }

  /** Opens channels for newly resolved addresses and closes those no longer resolved. */
  private synchronized void reconcile() {
    List<String> errors = new ArrayList<>();
    Set<String> wanted = new HashSet<>(resolver.resolve(configured, errors));
    dnsErrors = List.copyOf(errors);
    for (String a : wanted) {
      channels.computeIfAbsent(a, this::open);
      status.putIfAbsent(a, new Status(a, null, "not checked yet"));
    }
    for (String a : List.copyOf(channels.keySet())) {
      if (!wanted.contains(a)) {
        status.remove(a);
        ManagedChannel gone = channels.remove(a);
        if (gone != null) {
          gone.shutdown();
        }
      }
    }
  }

  private ManagedChannel open(String address) {
    return tls.apply(NettyChannelBuilder.forTarget(address))
        .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS)
        .maxInboundMessageSize(Integer.MAX_VALUE)
        .compressorRegistry(SnappyCodec.compressorRegistry())
        .decompressorRegistry(SnappyCodec.decompressorRegistry())
        .intercept(interceptors)
        .build();
  }

  /** The DNS lookups that failed at the last resolution (their previous answers are still used). */
  public List<String> dnsErrors() {
    return dnsErrors;
  }

  /** The endpoints usable as stores now. */
  public List<StoreEndpoint> stores() {
    List<StoreEndpoint> out = new ArrayList<>();
    status.forEach((address, s) -> {
      ManagedChannel channel = channels.get(address);
      if (s.info() != null && s.info().hasStore() && channel != null) {
        out.add(new StoreEndpoint(address, s.info(), StoreGrpc.newStub(channel)));
      }
    });
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  /** The endpoints whose last Info answer advertises the Rules API, by address. */
  public List<RulesEndpoint> rulesEndpoints() {
    List<RulesEndpoint> out = new ArrayList<>();
    status.forEach((address, s) -> {
      ManagedChannel channel = channels.get(address);
      if (s.info() != null && s.info().hasRules() && channel != null) {
        out.add(new RulesEndpoint(address, s.info(), RulesGrpc.newBlockingStub(channel)));
      }
    });
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  /** Every endpoint's last status (for the Stores page and {@code /api/v1/stores}). */
  public List<Status> statuses() {
    List<Status> out = new ArrayList<>(status.values());
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
