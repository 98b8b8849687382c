package io.thanosjvm.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns configured addresses into the addresses to dial, as Thanos' DNS provider: {@code host:port} as given;
 * {@code dns+host:port}, one {@code ip:port} per A/AAAA record; {@code dnssrv+name}, one {@code ip:port} per address
 * of each SRV target (with the SRV port); {@code dnssrvnoa+name}, one {@code target:port} per SRV record. When a
 * lookup fails, the last answer for that address is kept (a DNS hiccup does not drop every store).
 */
public final class DnsResolver {

  private final DnsLookup lookup;
  private final Map<String, List<String>> lastGood = new ConcurrentHashMap<>();

  /** A resolver asking {@code lookup}. */
  public DnsResolver(DnsLookup lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * Checks the form of a configured address (so a typo fails at start-up, not at the first lookup).
   *
   * @throws IllegalArgumentException naming the address and what is wrong
   */
  public static String validate(String address) {
    String rest = address;
    if (address.startsWith("dnssrv+") || address.startsWith("dnssrvnoa+")) {
      rest = address.substring(address.indexOf('+') + 1);
      if (rest.isEmpty() || rest.contains(":")) {
        throw new IllegalArgumentException("address " + address + ": an SRV name has no port (the records give it)");
      }
      return address;
    }
    if (address.startsWith("dns+")) {
      rest = address.substring(4);
    } else if (address.contains("+")) {
      throw new IllegalArgumentException("address " + address + ": unknown discovery prefix (dns+, dnssrv+ or "
          + "dnssrvnoa+)");
    }
    int colon = rest.lastIndexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new IllegalArgumentException("address " + address + ": missing port (host:port)");
    }
    try {
      int port = Integer.parseInt(rest.substring(colon + 1));
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + address + ": invalid port");
    }
    return address;
  }

  /**
   * The addresses to dial now, in configuration order, without duplicates.
   *
   * @param errors receives one message per address whose lookup failed (its last answer is used)
   */
  public List<String> resolve(List<String> configured, List<String> errors) {
    Set<String> out = new LinkedHashSet<>();
    for (String a : configured) {
      try {
        List<String> r = resolveOne(a);
        lastGood.put(a, r);
        out.addAll(r);
      } catch (IOException e) {
        errors.add(a + ": " + e.getMessage());
        out.addAll(lastGood.getOrDefault(a, List.of()));
      }
    }
    return new ArrayList<>(out);
  }

  private List<String> resolveOne(String address) throws IOException {
    if (address.startsWith("dnssrvnoa+")) {
      List<String> out = new ArrayList<>();
      for (SrvRecord r : lookup.srv(address.substring("dnssrvnoa+".length()))) {
        out.add(r.target() + ":" + r.port());
      }
      return out;
    }
    if (address.startsWith("dnssrv+")) {
      List<String> out = new ArrayList<>();
      for (SrvRecord r : lookup.srv(address.substring("dnssrv+".length()))) {
        for (String ip : lookup.addresses(r.target())) {
          out.add(hostPort(ip, r.port()));
        }
      }
      return out;
    }
    if (address.startsWith("dns+")) {
      String rest = address.substring(4);
      int colon = rest.lastIndexOf(':');
      int port = Integer.parseInt(rest.substring(colon + 1));
      List<String> out = new ArrayList<>();
      for (String ip : lookup.addresses(rest.substring(0, colon))) {
        out.add(hostPort(ip, port));
      }
      return out;
    }
    return List.of(address);
  }

  private static String hostPort(String ip, int port) {
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
  }
}
