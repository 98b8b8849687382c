package io.thanosjvm.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS through the JDK: SRV records with its JNDI DNS provider, addresses with the platform resolver (so
 * {@code /etc/hosts} and the system's search domains apply, as Kubernetes service names need) or, when a server is
 * named, with JNDI against that server only.
 */
public final class JndiDnsLookup implements DnsLookup {

  private final String server;

  /** Looks up with the system's resolvers. */
  public static JndiDnsLookup system() {
    return new JndiDnsLookup("");
  }

  /**
   * Looks up with one DNS server.
   *
   * @param server {@code host:port} of the server, or "" for the system's resolvers
   */
  public JndiDnsLookup(String server) {
    this.server = server;
  }

  @Override
  public List<String> addresses(String host) throws IOException {
    if (server.isEmpty()) {
      try {
        List<String> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
          out.add(a.getHostAddress());
        }
        return out;
      } catch (UnknownHostException e) {
        return List.of();
      }
    }
    List<String> out = new ArrayList<>();
    for (String type : new String[] {"A", "AAAA"}) {
      out.addAll(records(host, type));
    }
    return out;
  }

  @Override
  public List<SrvRecord> srv(String name) throws IOException {
    List<SrvRecord> out = new ArrayList<>();
    for (String r : records(name, "SRV")) {
      String[] f = r.trim().split("\\s+"); // priority weight port target
      if (f.length != 4) {
        throw new IOException("malformed SRV record for " + name + ": " + r);
      }
      String target = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
      out.add(new SrvRecord(target, Integer.parseInt(f[2])));
    }
    return out;
  }

  private List<String> records(String name, String type) throws IOException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", server.isEmpty() ? "dns:" : "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(env);
      Attributes attrs = ctx.getAttributes(name, new String[] {type});
      Attribute a = attrs.get(type);
      List<String> out = new ArrayList<>();
      if (a != null) {
        NamingEnumeration<?> values = a.getAll();
        while (values.hasMore()) {
          out.add(String.valueOf(values.next()));
        }
      }
      return out;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw new IOException("DNS " + type + " lookup of " + name + " failed: " + e.getMessage(), e);
    } finally {
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException ignored) {
          // nothing held open
        }
      }
    }
  }
}
