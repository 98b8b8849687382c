package io.thanosjvm.rules;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One query API server the ruler evaluates against ({@code --query}): as Thanos reads the flag, an address without
 * a scheme gets {@code http://}, only {@code http} and {@code https} are accepted and the URL's path becomes the
 * path prefix before {@code /api/v1/query}. The host may carry {@code dns+} (one server per A/AAAA record, looked up
 * at each query; Java caches the answers); {@code dnssrv+} is refused loudly.
 *
 * @param scheme {@code http} or {@code https}
 * @param address {@code host:port}, optionally prefixed with {@code dns+}
 * @param pathPrefix the path before {@code /api/v1/query}, empty or starting with {@code /}
 */
public record QueryEndpoint(String scheme, String address, String pathPrefix) {

  /** Validates the endpoint. */
  public QueryEndpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("\"" + scheme + "\" is not supported scheme for address");
    }
    if (address.isEmpty()) {
      throw new IllegalArgumentException("static address cannot be empty");
    }
    if (address.startsWith("dnssrv+") || address.startsWith("dnssrvnoa+")) {
      throw new IllegalArgumentException("query address " + address
          + ": DNS SRV discovery is not implemented yet; give host:port or dns+host:port");
    }
    pathPrefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
  }

  /** Reads one {@code --query} value ({@code host:port}, {@code http(s)://host:port/prefix}, {@code dns+...}). */
  public static QueryEndpoint parse(String flagValue) {
    if (flagValue == null || flagValue.isEmpty()) {
      throw new IllegalArgumentException("static address cannot be empty");
    }
    String url = flagValue.contains("://") ? flagValue : "http://" + flagValue;
    int schemeEnd = url.indexOf("://");
    String scheme = url.substring(0, schemeEnd);
    String rest = url.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    return new QueryEndpoint(scheme, host, path);
  }

  /** The base URLs this endpoint stands for now (several for {@code dns+} names). */
  public List<URI> resolve() {
    List<String> hosts = new ArrayList<>();
    if (address.startsWith("dns+")) {
      String hp = address.substring(4);
      int colon = hp.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("query address " + address + ": missing port");
      }
      try {
        for (InetAddress ip : InetAddress.getAllByName(hp.substring(0, colon))) {
          String h = ip.getHostAddress();
          hosts.add((h.contains(":") ? "[" + h + "]" : h) + hp.substring(colon));
        }
      } catch (UnknownHostException e) {
        throw new IllegalStateException("lookup " + hp.substring(0, colon) + ": " + e.getMessage(), e);
      }
    } else {
      hosts.add(address);
    }
    List<URI> out = new ArrayList<>(hosts.size());
    for (String h : hosts) {
      try {
        out.add(new URI(scheme + "://" + h + pathPrefix));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("failed to parse addr \"" + h + "\": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
