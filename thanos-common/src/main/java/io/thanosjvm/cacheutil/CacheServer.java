package io.thanosjvm.cacheutil;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cache server of a client: its address, its idle connections and whether the last exchange worked (so
 * that a server going down or coming back is logged once, not once per request).
 *
 * @param <C> the connection type
 */
final class CacheServer<C extends AutoCloseable> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(CacheServer.class.getName());

  private final String address;
  private final ConnectionPool<C> pool;
  private final Health health;

  CacheServer(String address, ConnectionPool<C> pool) {
    this.address = address;
    this.pool = pool;
    this.health = new Health(address);
  }

  String address() {
    return address;
  }

  ConnectionPool<C> pool() {
    return pool;
  }

  /** Notes a clean exchange. */
  void succeeded() {
    health.succeeded();
  }

  /** Notes a failed exchange: a warning the first time in a row, debug afterwards. */
  void failed(String operation, Exception e) {
    health.failed(operation, e);
  }

  /**
   * Whether the last exchange with a server worked, so that a server going down or coming back is logged once,
   * not once per request.
   */
  static final class Health {

    private final String address;
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    Health(String address) {
      this.address = address;
    }

    /** Notes a clean exchange. */
    void succeeded() {
      if (!healthy.getAndSet(true)) {
        LOG.log(Level.INFO, "cache server {0} answers again", address);
      }
    }

    /** Notes a failed exchange: a warning the first time in a row, debug afterwards. */
    void failed(String operation, Exception e) {
      Level level = healthy.getAndSet(false) ? Level.WARNING : Level.DEBUG;
      LOG.log(level, "cache server {0}: {1} failed, treated as cache misses: {2}", address, operation,
          e.toString());
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Parses {@code host:port} or {@code [v6]:port}. */
  static InetSocketAddress parseHostPort(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("cache server address \"" + address + "\" is not host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cache server address \"" + address + "\" has no numeric port");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cache server address \"" + address + "\" has port out of range");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** Resolves a socket address at dial time (so DNS changes are followed on reconnect). */
  static InetSocketAddress resolve(InetSocketAddress unresolved) throws IOException {
    InetSocketAddress a = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
    if (a.isUnresolved()) {
      throw new UnknownHostException(unresolved.getHostString());
    }
    return a;
  }

  /**
   * Expands configured addresses: plain {@code host:port} as is, {@code dns+host:port} into one address per
   * A/AAAA record. Other service-discovery prefixes are refused.
   */
  static List<String> expand(List<String> configured) {
    List<String> out = new ArrayList<>();
    for (String a : configured) {
      if (a.startsWith("dns+")) {
        InetSocketAddress hp = parseHostPort(a.substring(4));
        try {
          for (InetAddress ip : InetAddress.getAllByName(hp.getHostString())) {
            String host = ip.getHostAddress();
            out.add((host.contains(":") ? "[" + host + "]" : host) + ":" + hp.getPort());
          }
        } catch (UnknownHostException e) {
          throw new IllegalArgumentException("cannot resolve cache server address \"" + a + "\": " + e.getMessage());
        }
      } else if (a.matches("^[a-z]+\\+.*")) {
        throw new IllegalArgumentException("cache server address \"" + a + "\": service discovery prefix "
            + a.substring(0, a.indexOf('+') + 1) + " is not supported (use host:port or dns+host:port)");
      } else {
        parseHostPort(a);
        out.add(a);
      }
    }
    return out;
  }
}
