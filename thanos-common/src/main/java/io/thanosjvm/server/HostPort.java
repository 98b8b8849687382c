package io.thanosjvm.server;

import java.util.Objects;

/**
 * A listen address as Thanos flags write it: {@code host:port}, {@code :port} (all interfaces) or
 * {@code [ipv6]:port}. Port 0 asks the OS for a free port.
 *
 * @param host the host or IP, never empty ({@code 0.0.0.0} for all interfaces)
 * @param port 0..65535
 */
public record HostPort(String host, int port) {

  /** Validates host and port. */
  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a message quoting the input when malformed
   */
  public static HostPort parse(String address) {
    Objects.requireNonNull(address, "address");
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address \"" + address + "\" must be host:port");
    }
    String host = address.substring(0, colon);
    String portText = address.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("address \"" + address + "\": IPv6 hosts need brackets, e.g. [::1]:10902");
    }
    if (host.isEmpty()) {
      host = "0.0.0.0";
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address \"" + address + "\" has an invalid port \"" + portText + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("address \"" + address + "\" has a port out of range");
    }
    return new HostPort(host, port);
  }

  /** {@code host:port}, with brackets around IPv6 hosts. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
