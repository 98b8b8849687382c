package io.thanosjvm.query.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Resolves the querier's endpoint specifications as Thanos' DNS provider does: {@code host:port} as given,
 * {@code dns+host:port} to one {@code ip:port} per A/AAAA record, {@code dnssrv+_service._proto.name} to one
 * {@code ip:port} per SRV record (the target's addresses, the record's port), {@code dnssrvnoa+name} to the SRV
 * targets as {@code host:port} without resolving them. SRV records are read through the JDK's DNS directory provider
 * from the system's resolvers, or from one DNS server given as a {@code dns://host:port} URL.
 */
public final class EndpointResolver {

  private final String dnsUrl;

  /**
   * A resolver.
   *
   * @param dnsUrl {@code "dns:"} for the system's resolvers, or e.g. {@code dns://127.0.0.1:5353} for one server
   */
  public EndpointResolver(String dnsUrl) {
    this.dnsUrl = Objects.requireNonNull(dnsUrl, "dnsUrl");
  }

  /** A resolver over the system's DNS configuration. */
  public static EndpointResolver system() {
    return new EndpointResolver("dns:");
  }

  /** Whether a specification needs DNS (and so re-resolution over time). */
  public static boolean isDiscovery(String spec) {
    return spec.startsWith("dns+") || spec.startsWith("dnssrv+") || spec.startsWith("dnssrvnoa+");
  }

  /**
   * The {@code host:port} addresses a specification stands for, in record order without duplicates.
   *
   * @throws UnknownHostException when a name does not resolve (the caller keeps its last answer)
   */
  public List<String> resolve(String spec) throws UnknownHostException {
    if (spec.startsWith("dns+")) {
      String hostPort = spec.substring("dns+".length());
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("endpoint " + spec + ": dns+ needs host:port");
      }
      return addresses(hostPort.substring(0, colon), hostPort.substring(colon + 1));
    }
    if (spec.startsWith("dnssrv+") || spec.startsWith("dnssrvnoa+")) {
      boolean resolveTargets = spec.startsWith("dnssrv+");
      String name = spec.substring(spec.indexOf('+') + 1);
      Set<String> out = new LinkedHashSet<>();
      for (String[] target : srv(name)) {
        if (resolveTargets) {
          out.addAll(addresses(target[0], target[1]));
        } else {
          out.add(target[0] + ":" + target[1]);
        }
      }
      return List.copyOf(out);
    }
    return List.of(spec);
  }

  private static List<String> addresses(String host, String port) throws UnknownHostException {
    Set<String> out = new LinkedHashSet<>();
    for (InetAddress a : InetAddress.getAllByName(host)) {
      String ip = a.getHostAddress();
      out.add(ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port);
    }
    return List.copyOf(out);
  }

  /** The SRV records of a name as {target, port}. */
  private List<String[]> srv(String name) throws UnknownHostException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, dnsUrl);
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    List<String[]> out = new ArrayList<>();
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(env);
      Attributes attrs = ctx.getAttributes(name, new String[] {"SRV"});
      Attribute srv = attrs.get("SRV");
      if (srv == null) {
        throw new UnknownHostException("no SRV records for " + name);
      }
      NamingEnumeration<?> records = srv.getAll();
      while (records.hasMore()) {
        // "priority weight port target."
        String[] f = records.next().toString().trim().split("\\s+");
        if (f.length != 4) {
          throw new UnknownHostException("malformed SRV record for " + name + ": " + String.join(" ", f));
        }
        String target = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
        out.add(new String[] {target, f[2]});
      }
      return out;
    } catch (NamingException e) {
      UnknownHostException u = new UnknownHostException("SRV lookup of " + name + " failed: " + e.getMessage());
      u.initCause(e);
      throw u;
    } finally {
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException ignored) {
          // nothing held
        }
      }
    }
  }
}
