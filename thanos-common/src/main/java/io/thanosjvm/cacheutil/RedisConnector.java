package io.thanosjvm.cacheutil;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * The Lettuce side of {@link RedisClient}: one client (standalone, Sentinel or Cluster, with TLS as configured)
 * on its own small Netty event loop group, and one multiplexed connection dialled on first use. Commands are
 * only issued, never awaited, here: nothing blocks an event loop. A standalone or Sentinel connection that
 * breaks is dialled again by the next command (through the Sentinels, so a failover is followed); a cluster
 * connection reconnects its nodes itself and follows topology changes.
 */
final class RedisConnector implements AutoCloseable {

  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration NO_TIMEOUT_CAP = Duration.ofSeconds(60);

  private final RedisClientConfig config;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final List<RedisURI> uris;
  private final AtomicReference<CompletableFuture<StatefulConnection<String, byte[]>>> current =
      new AtomicReference<>();
  private final RedisNearCache near;
  private volatile boolean closed;

  /** A connector for {@code config}; {@code near} (may be null) is kept coherent through client tracking. */
  RedisConnector(RedisClientConfig config, RedisNearCache near) {
    this.config = config;
    this.near = near;
    if (near != null && config.mode() == RedisClientConfig.Mode.CLUSTER) {
      throw new IllegalArgumentException("redis cache_size: client-side caching with a Redis Cluster is not "
          + "supported by this implementation; use 0");
    }
    this.uris = uris(config);
    this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    SocketOptions socket = SocketOptions.builder().connectTimeout(orCap(config.dialTimeout())).keepAlive(true)
        .tcpNoDelay(true).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout(config));
    SslOptions ssl = config.tlsEnabled() ? sslOptions(config) : null;
    if (config.mode() == RedisClientConfig.Mode.CLUSTER) {
      ClusterClientOptions.Builder options = ClusterClientOptions.builder().socketOptions(socket)
          .timeoutOptions(timeouts).autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build());
      if (ssl != null) {
        options.sslOptions(ssl);
      }
      RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
      cluster.setOptions(options.build());
      this.client = cluster;
    } else {
      ClientOptions.Builder options = ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
          .autoReconnect(false).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
      if (ssl != null) {
        options.sslOptions(ssl);
      }
      io.lettuce.core.RedisClient single = io.lettuce.core.RedisClient.create(resources);
      single.setOptions(options.build());
      this.client = single;
    }
    connection(); // dial now, as Thanos' client does, so the first request finds the connection (or its failure)
  }

  /** The Lettuce URIs of the configured addresses (one per node, or one naming every Sentinel). */
  static List<RedisURI> uris(RedisClientConfig config) {
    List<RedisURI> out = new ArrayList<>();
    List<String> addresses = config.addresses();
    if (config.mode() == RedisClientConfig.Mode.SENTINEL) {
      InetSocketAddress first = CacheServer.parseHostPort(addresses.get(0));
      RedisURI.Builder b = RedisURI.Builder.sentinel(first.getHostString(), first.getPort(), config.masterName());
      for (String a : addresses.subList(1, addresses.size())) {
        InetSocketAddress s = CacheServer.parseHostPort(a);
        b.withSentinel(s.getHostString(), s.getPort());
      }
      out.add(common(b, config).build());
      return out;
    }
    for (String a : addresses) {
      InetSocketAddress s = CacheServer.parseHostPort(a);
      out.add(common(RedisURI.Builder.redis(s.getHostString(), s.getPort()), config).build());
    }
    return out;
  }

  private static RedisURI.Builder common(RedisURI.Builder b, RedisClientConfig config) {
    b.withTimeout(commandTimeout(config));
    if (config.mode() != RedisClientConfig.Mode.CLUSTER) {
      b.withDatabase(config.db());
    }
    if (!config.password().isEmpty()) {
      if (config.username().isEmpty()) {
        b.withPassword(config.password().toCharArray());
      } else {
        b.withAuthentication(config.username(), config.password().toCharArray());
      }
    }
    if (config.tlsEnabled()) {
      b.withSsl(true).withVerifyPeer(config.tls().insecureSkipVerify() ? SslVerifyMode.NONE : SslVerifyMode.FULL);
    }
    return b;
  }

  /** Lettuce's own bound on a command: the longer of the read and write timeouts (60s when both are 0). */
  private static Duration commandTimeout(RedisClientConfig config) {
    Duration d = config.readTimeout().compareTo(config.writeTimeout()) >= 0 ? config.readTimeout()
        : config.writeTimeout();
    return orCap(d);
  }

  private static Duration orCap(Duration d) {
    return d.isZero() ? NO_TIMEOUT_CAP : d;
  }

  /** TLS as Thanos' {@code tls_config} describes it: CA, client certificate, server name, verification. */
  static SslOptions sslOptions(RedisClientConfig config) {
    RedisTlsConfig tls = config.tls();
    SslOptions.Builder b = SslOptions.builder().jdkSslProvider().handshakeTimeout(orCap(config.dialTimeout()));
    if (!tls.caFile().isEmpty()) {
      b.trustManager(new File(tls.caFile()));
    }
    if (!tls.certFile().isEmpty()) {
      b.keyManager(new File(tls.certFile()), new File(tls.keyFile()), null);
    }
    String[] protocols = tls.protocols();
    if (protocols.length > 0) {
      b.protocols(protocols);
    }
    if (!tls.serverName().isEmpty()) {
      String serverName = tls.serverName();
      b.sslParameters(() -> {
        SSLParameters p = new SSLParameters();
        p.setServerNames(List.of(new SNIHostName(serverName)));
        return p;
      });
    }
    return b.build();
  }

  /** Whether a usable connection is up or being dialled (so a caller knows whether to budget a dial). */
  boolean connected() {
    CompletableFuture<StatefulConnection<String, byte[]>> f = current.get();
    return f != null && f.isDone() && !f.isCompletedExceptionally() && f.getNow(null).isOpen();
  }

  /** Sends {@code MGET keys}; completes with one key-value per key, in order (a miss has no value). */
  CompletableFuture<List<KeyValue<String, byte[]>>> mget(List<String> keys) {
    String[] array = keys.toArray(String[]::new);
    return connection().thenCompose(c -> commands(c).mget(array).toCompletableFuture());
  }

  /** Sends {@code SET key value EX seconds}. */
  CompletableFuture<String> set(String key, byte[] value, long seconds) {
    return connection().thenCompose(c -> commands(c).set(key, value, SetArgs.Builder.ex(seconds))
        .toCompletableFuture());
  }

  @SuppressWarnings("unchecked")
  private static RedisStringAsyncCommands<String, byte[]> commands(StatefulConnection<String, byte[]> c) {
    if (c instanceof StatefulRedisClusterConnection<?, ?> cluster) {
      return ((StatefulRedisClusterConnection<String, byte[]>) cluster).async();
    }
    return ((StatefulRedisConnection<String, byte[]>) c).async();
  }

  /** The current connection, or a new dial when there is none or it broke (shared by concurrent callers). */
  private CompletableFuture<StatefulConnection<String, byte[]>> connection() {
    while (true) {
      CompletableFuture<StatefulConnection<String, byte[]>> f = current.get();
      boolean usable = f != null && (!f.isDone() || !f.isCompletedExceptionally() && f.getNow(null).isOpen());
      if (usable) {
        return f;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new RedisConnectionException("redis client closed"));
      }
      CompletableFuture<StatefulConnection<String, byte[]>> fresh = new CompletableFuture<>();
      if (current.compareAndSet(f, fresh)) {
        if (f != null && !f.isCompletedExceptionally()) {
          f.getNow(null).closeAsync();
        }
        if (near != null) {
          near.invalidate(null); // invalidations sent to the old connection may have been lost
        }
        // Lettuce bounds the dial itself: TCP connect by dial_timeout, TLS handshake likewise, HELLO/AUTH/SELECT by
        // the command timeout; so a silent server fails this future and the next command dials again
        dial().whenComplete((c, e) -> {
          if (e != null) {
            fresh.completeExceptionally(e);
          } else if (!fresh.complete(c) || closed) {
            c.closeAsync();
          }
        });
        return fresh;
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private CompletableFuture<StatefulConnection<String, byte[]>> dial() {
    try {
      if (client instanceof RedisClusterClient cluster) {
        // an asynchronous cluster connect needs the slot map first (loaded from the configured nodes)
        return (CompletableFuture) cluster.refreshPartitionsAsync().toCompletableFuture()
            .thenCompose(loaded -> cluster.connectAsync(CODEC));
      }
      CompletableFuture<StatefulRedisConnection<String, byte[]>> dialled =
          ((io.lettuce.core.RedisClient) client).connectAsync(CODEC, uris.get(0)).toCompletableFuture();
      if (near == null) {
        return (CompletableFuture) dialled;
      }
      return (CompletableFuture) dialled.thenCompose(this::track);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Turns on client tracking (default mode: Redis remembers the keys this connection read and pushes an
   * {@code invalidate} message when one changes) and drops the named keys from the near cache on each message.
   */
  private CompletableFuture<StatefulRedisConnection<String, byte[]>> track(StatefulRedisConnection<String, byte[]> c) {
    c.addListener(message -> {
      if (!"invalidate".equals(message.getType())) {
        return;
      }
      List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
      Object keys = content.size() > 1 ? content.get(1) : null;
      if (keys instanceof List<?> list) {
        near.invalidate(list.stream().map(String::valueOf).toList());
      } else {
        near.invalidate(null);
      }
    });
    return c.async().clientTracking(TrackingArgs.Builder.enabled()).toCompletableFuture()
        .handle((ok, e) -> {
          if (e != null) {
            c.closeAsync();
            throw new CompletionException(e);
          }
          return c;
        });
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<StatefulConnection<String, byte[]>> f = current.getAndSet(null);
    if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
      f.getNow(null).close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
  }
}
