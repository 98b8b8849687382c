package io.thanosjvm.query.endpoint;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The querier's endpoints: one channel per static address (clients ping every 10 s, as Thanos does), and the
 * last Info answer of each. {@link #refresh()} polls every endpoint's Info with a deadline; an endpoint whose
 * Info fails (or that serves no StoreAPI) is not used until it answers again.
 */
public final class EndpointSet implements AutoCloseable {

  /** The last Info result of one endpoint. */
  public record Status(String address, InfoResponse info, String error) {}

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, Status> status = new ConcurrentHashMap<>();
  private final Duration infoTimeout;

  /**
   * Channels to {@code addresses} ({@code host:port}).
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors) {
    this(addresses, infoTimeout, interceptors, GrpcClientTls.PLAINTEXT);
  }

  /**
   * Channels to {@code addresses} ({@code host:port}) dialled as {@code tls} says.
   *
   * @param interceptors client interceptors (e.g. metrics) applied to every channel
   */
  public EndpointSet(List<String> addresses, Duration infoTimeout, List<ClientInterceptor> interceptors,
      GrpcClientTls tls) {
    this.infoTimeout = Objects.requireNonNull(infoTimeout, "infoTimeout");
    for (String a : addresses) {
      if (a.startsWith("dns+") || a.startsWith("dnssrv+")) {
        throw new IllegalArgumentException("endpoint " + a + ": DNS service discovery is not implemented yet; "
            + "give host:port addresses");
      }
      channels.put(a, tls.apply(NettyChannelBuilder.forTarget(a))
          .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS)
          .maxInboundMessageSize(Integer.MAX_VALUE)
          .compressorRegistry(SnappyCodec.compressorRegistry())
          .decompressorRegistry(SnappyCodec.decompressorRegistry())
          .intercept(interceptors)
          .build());
      status.put(a, new Status(a, null, "not checked yet"));
    }
  }

  /** Polls every endpoint's Info once (sequentially, each bounded by the Info timeout). */
  public void refresh() {
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
      if (s.info() != null && s.info().hasStore()) {
        out.add(new StoreEndpoint(address, s.info(), StoreGrpc.newStub(channels.get(address))));
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
