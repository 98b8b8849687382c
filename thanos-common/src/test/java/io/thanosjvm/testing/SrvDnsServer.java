package io.thanosjvm.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on 127.0.0.1 (UDP, a free port) answering SRV questions from a table the test changes, NXDOMAIN for
 * anything else. A test double, because no DNS server runs here: the JDK's DNS directory provider queries it over
 * the wire exactly as it queries a cluster's DNS.
 */
public final class SrvDnsServer implements AutoCloseable {

  /** One SRV record. */
  public record Srv(String target, int port) {}

  private final Map<String, List<Srv>> records = new ConcurrentHashMap<>();
  private final DatagramSocket socket;
  private final Thread loop;

  /** Starts the server. */
  public SrvDnsServer() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    loop = new Thread(this::serve, "srv-dns-server");
    loop.setDaemon(true);
    loop.start();
  }

  /** The provider URL for {@code io.thanosjvm.query.endpoint.EndpointResolver}. */
  public String url() {
    return "dns://127.0.0.1:" + socket.getLocalPort();
  }

  /** Sets (or with an empty list, removes) the SRV records of a name. */
  public void set(String name, List<Srv> srv) {
    String key = name.toLowerCase(Locale.ROOT);
    if (srv.isEmpty()) {
      records.remove(key);
    } else {
      records.put(key, List.copyOf(srv));
    }
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        byte[] out = answer(in.getData(), in.getLength());
        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private byte[] answer(byte[] q, int len) {
    // header (12 bytes), then one question: name, type, class
    int pos = 12;
    StringBuilder name = new StringBuilder();
    while (q[pos] != 0) {
      int l = q[pos] & 0xff;
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(q, pos + 1, l, StandardCharsets.US_ASCII));
      pos += l + 1;
    }
    pos++;
    int qtype = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
    int questionEnd = pos + 4;
    List<Srv> srv = qtype == 33 ? records.get(name.toString().toLowerCase(Locale.ROOT)) : null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(q[0]);
    out.write(q[1]); // id
    out.write(0x84 | (q[2] & 0x01)); // response, authoritative, RD copied
    out.write(srv == null ? 0x03 : 0x00); // NXDOMAIN or no error
    short2(out, 1); // questions
    short2(out, srv == null ? 0 : srv.size()); // answers
    short2(out, 0);
    short2(out, 0);
    out.write(q, 12, questionEnd - 12);
    if (srv != null) {
      for (Srv r : srv) {
        short2(out, 0xC00C); // pointer to the question's name
        short2(out, 33);
        short2(out, 1);
        short2(out, 0);
        short2(out, 5); // TTL 5 s
        byte[] target = labels(r.target());
        short2(out, 6 + target.length);
        short2(out, 10); // priority
        short2(out, 10); // weight
        short2(out, r.port());
        out.write(target, 0, target.length);
      }
    }
    return out.toByteArray();
  }

  private static byte[] labels(String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.write(l.length);
      b.write(l, 0, l.length);
    }
    b.write(0);
    return b.toByteArray();
  }

  private static void short2(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xff);
    out.write(v & 0xff);
  }

  @Override
  public void close() {
    socket.close();
  }
}
