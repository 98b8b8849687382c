package io.thanosjvm.query.endpoint;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The querier's endpoints: one channel per address (clients ping every 10 s, as Thanos does), and the last Info
 * answer of each. Addresses are static ({@code host:port}) or discovered through DNS ({@code dns+host:port},
 * {@code dnssrv+name}, see {@link EndpointResolver}), re-resolved at most every DNS interval (Thanos'
 * {@code --store.sd-dns-interval}, 30 s): new addresses get a channel, vanished ones are closed; a failed lookup keeps
 * the last answer. {@link #refresh()} re-resolves when due and polls every endpoint's Info with a deadline; an
 * endpoint whose Info fails (or that serves no StoreAPI) is not used until it answers again.
 */
public final class EndpointSet implements AutoCloseable {

  /** The last Info result of one endpoint. */
  public record Status(String address, InfoResponse info, String error) {}

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, Status> status = new ConcurrentHashMap<>();
  private final Duration infoTimeout;
  private final List<String> specs;
  private final List<ClientInterceptor> interceptors;
  private final EndpointResolver resolver;
  private final Duration dnsInterval;
  private final InstantSource clock;
  private final Map<String, List<String>> resolved = new LinkedHashMap<>();
  private final Map<String, Status> dnsErrors = new ConcurrentHashMap<>();
  private Instant lastResolve;

  /**
   * Endpoints from {@code --endpoint} specifications, resolved through the system's DNS every 30 s.
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors) {
    this(addresses, infoTimeout, interceptors, EndpointResolver.system(), Duration.ofSeconds(30),
        InstantSource.system());
  }

  /**
   * Endpoints from {@code --endpoint} specifications ({@code host:port}, {@code dns+host:port},
   * {@code dnssrv+name}); resolved now and then at most every {@code dnsInterval}.
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   * @param resolver how DNS specifications are resolved
   * @param dnsInterval the least time between two resolutions
   * @param clock the time the interval is measured on
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors,
      EndpointResolver resolver, Duration dnsInterval, InstantSource clock) {
    this.infoTimeout = Objects.requireNonNull(infoTimeout, "infoTimeout");
    this.specs = List.copyOf(addresses);
    this.interceptors = List.copyOf(interceptors);
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.dnsInterval = Objects.requireNonNull(dnsInterval, "dnsInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
    resolveIfDue();
  }

  /** Re-resolves the DNS specifications when the interval has passed, opening and closing channels to match. */
  private synchronized void resolveIfDue() {
    Instant now = clock.instant();
    if (lastResolve != null && now.isBefore(lastResolve.plus(dnsInterval))) {
      return;
    }
    lastResolve = now;
    Set<String> wanted = new LinkedHashSet<>();
    for (String spec : specs) {
      if (!EndpointResolver.isDiscovery(spec)) {
        wanted.add(spec);
        continue;
      }
      try {
        resolved.put(spec, resolver.resolve(spec));
        dnsErrors.remove(spec);
      } catch (UnknownHostException | RuntimeException e) {
        // keep the last answer, as Thanos' DNS provider does
        dnsErrors.put(spec, new Status(spec, null, "DNS lookup failed: " + e.getMessage()));
      }
      wanted.addAll(resolved.getOrDefault(spec, List.of()));
    }
    for (String a : wanted) {
      channels.computeIfAbsent(a, this::channel);
      status.putIfAbsent(a, new Status(a, null, "not checked yet"));
    }
    for (String a : List.copyOf(channels.keySet())) {
      if (!wanted.contains(a)) {
        status.remove(a);
        ManagedChannel gone = channels.remove(a);
        if (gone != null) {
          gone.shutdownNow();
        }
      }
    }
  }

  private ManagedChannel channel(String address) {
    return NettyChannelBuilder.forTarget(address).usePlaintext()
        .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS)
        .maxInboundMessageSize(Integer.MAX_VALUE)
        .compressorRegistry(SnappyCodec.compressorRegistry())
        .decompressorRegistry(SnappyCodec.decompressorRegistry())
        .intercept(interceptors)
        .build();
  }

  /**
   * Re-resolves the DNS specifications when due, then polls every endpoint's Info once (sequentially, each bounded
   * by the Info timeout).
   */
  public void refresh() {
    resolveIfDue();
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

  /** Every endpoint's last status (for the Stores page and {@code /api/v1/stores}). */
  public List<Status> statuses() {
    List<Status> out = new ArrayList<>(status.values());
    out.addAll(dnsErrors.values());
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
