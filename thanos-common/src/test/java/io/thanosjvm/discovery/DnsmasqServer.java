package io.thanosjvm.discovery;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for discovery tests: dnsmasq on 127.0.0.1 and a free port, authoritative for {@code thanos.test}
 * with the records it is started with ({@code --srv-host}, {@code --host-record}; other names there get NXDOMAIN),
 * nothing forwarded. Installed by
 * {@code .ci/install-dnsmasq.sh}.
 */
public final class DnsmasqServer implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
  private final Process process;
  private final int port;

  private DnsmasqServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts dnsmasq with these options, e.g. {@code --srv-host=_grpc._tcp.x,target,10901} and
   * {@code --host-record=target,127.0.0.1}; on {@code port}, or a free one when 0.
   */
  public static DnsmasqServer start(int port, List<String> records) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("dnsmasq is not installed: run .ci/install-dnsmasq.sh");
    }
    int p = port != 0 ? port : freeUdpPort();
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--keep-in-foreground", "--port=" + p,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
        "--conf-file=/dev/null", "--pid-file=", "--cache-size=0", "--log-facility=-", "--local=/thanos.test/",
        "--host-record=ready.thanos.test,127.0.0.9"));
    cmd.addAll(records);
    Path log = Files.createTempFile("dnsmasq", ".log");
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DnsmasqServer s = new DnsmasqServer(proc, p);
    JndiDnsLookup lookup = new JndiDnsLookup(s.address());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!proc.isAlive()) {
        throw new IOException("dnsmasq exited: " + Files.readString(log));
      }
      try {
        lookup.addresses("ready.thanos.test");
        return s;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    s.close();
    throw new IOException("dnsmasq did not answer: " + Files.readString(log));
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The port. */
  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
