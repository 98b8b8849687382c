package io.thanosjvm.cacheutil;

import io.thanosjvm.objstore.PeerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real memcached 1.6 or Redis 7 server for tests, run as a child process on 127.0.0.1 with a free port and
 * stopped (or restarted on the same port) by its handle. A missing binary fails with the install script's name.
 */
public final class CacheServerProcess implements AutoCloseable {

  private final String name;
  private final List<String> command;
  private final int port;
  private PeerProcess process;

  private CacheServerProcess(String name, List<String> command, int port) {
    this.name = name;
    this.command = command;
    this.port = port;
  }

  /** Starts memcached with 64 MiB of memory and a 2 MiB item limit. */
  public static CacheServerProcess memcached() throws IOException, InterruptedException {
    String exe = require("memcached", ".ci/install-memcached.sh");
    int port = PeerProcess.freePort();
    CacheServerProcess p = new CacheServerProcess("memcached", List.of(exe, "-u", "root", "-l", "127.0.0.1",
        "-p", String.valueOf(port), "-U", "0", "-m", "64", "-I", "2m", "-c", "256"), port);
    p.start();
    return p;
  }

  /** Starts Redis without persistence; {@code password} (may be empty) is required of clients when set. */
  public static CacheServerProcess redis(String password) throws IOException, InterruptedException {
    String exe = require("redis-server", ".ci/install-redis.sh");
    int port = PeerProcess.freePort();
    List<String> cmd = new ArrayList<>(List.of(exe, "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--protected-mode", "no", "--databases", "4"));
    if (!password.isEmpty()) {
      cmd.addAll(List.of("--requirepass", password));
    }
    CacheServerProcess p = new CacheServerProcess("redis-server", List.copyOf(cmd), port);
    p.start();
    return p;
  }

  /** Starts Redis whose only user is the ACL user {@code user} with {@code password} (the default user is off). */
  public static CacheServerProcess redisWithUser(String user, String password)
      throws IOException, InterruptedException {
    String exe = require("redis-server", ".ci/install-redis.sh");
    int port = PeerProcess.freePort();
    CacheServerProcess p = new CacheServerProcess("redis-server", List.of(exe, "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--user", user, "on", ">" + password, "~*", "&*",
        "+@all", "--user", "default", "off"), port);
    p.start();
    return p;
  }

  /**
   * Starts Redis listening with TLS only (no plain port) with the server certificate of {@code certs}; clients
   * must present a certificate signed by its CA (mutual TLS).
   */
  public static CacheServerProcess redisTls(TestCertificates certs) throws IOException, InterruptedException {
    String exe = require("redis-server", ".ci/install-redis.sh");
    int port = PeerProcess.freePort();
    CacheServerProcess p = new CacheServerProcess("redis-server-tls", List.of(exe, "--port", "0", "--tls-port",
        String.valueOf(port), "--tls-cert-file", certs.serverCert(), "--tls-key-file", certs.serverKey(),
        "--tls-ca-cert-file", certs.ca(), "--tls-auth-clients", "yes", "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--protected-mode", "no"), port);
    p.start();
    return p;
  }

  /**
   * Starts a Redis Sentinel that monitors {@code master} as master set {@code masterName} (quorum 1), from a
   * config file in {@code dir} (Sentinel rewrites its config file, so it must be writable).
   */
  public static CacheServerProcess sentinel(CacheServerProcess master, String masterName, Path dir)
      throws IOException, InterruptedException {
    String exe = require("redis-server", ".ci/install-redis.sh");
    int port = PeerProcess.freePort();
    Files.createDirectories(dir);
    Path conf = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nprotected-mode no\nsentinel monitor " + masterName
        + " 127.0.0.1 " + master.port() + " 1\n");
    CacheServerProcess p = new CacheServerProcess("redis-sentinel", List.of(exe, conf.toString(), "--sentinel"),
        port);
    p.start();
    return p;
  }

  /**
   * Starts three Redis servers in cluster mode and joins them into one Redis Cluster (all 16384 slots, no
   * replicas) with {@code redis-cli --cluster create}; returns them once {@code CLUSTER INFO} says {@code ok}.
   */
  public static List<CacheServerProcess> redisCluster(Path dir) throws IOException, InterruptedException {
    String exe = require("redis-server", ".ci/install-redis.sh");
    String cli = require("redis-cli", ".ci/install-redis.sh");
    Files.createDirectories(dir);
    List<CacheServerProcess> nodes = new ArrayList<>();
    List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
    for (int i = 0; i < 3; i++) {
      int port = PeerProcess.freePort();
      CacheServerProcess p = new CacheServerProcess("redis-cluster-node", List.of(exe, "--port", String.valueOf(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--cluster-enabled",
          "yes", "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
          "--cluster-node-timeout", "5000"), port);
      p.start();
      nodes.add(p);
      create.add("127.0.0.1:" + port);
    }
    create.add("--cluster-yes");
    run(dir, create);
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (CacheServerProcess node : nodes) {
      while (!run(dir, List.of(cli, "-h", "127.0.0.1", "-p", String.valueOf(node.port()), "cluster", "info"))
          .contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Redis Cluster did not become ok; see " + dir);
        }
        Thread.sleep(100);
      }
    }
    return nodes;
  }

  /** Runs {@code redis-cli} against this (plain) Redis server and returns its output. */
  public String redisCli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(require("redis-cli", ".ci/install-redis.sh"), "-h", "127.0.0.1", "-p",
        String.valueOf(port)));
    cmd.addAll(List.of(args));
    Path dir = Path.of("target", "peers").toAbsolutePath();
    Files.createDirectories(dir);
    return run(dir, cmd);
  }

  private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + Files.readString(out));
    }
    return Files.readString(out);
  }

  private static String require(String binary, String installScript) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/usr/local/bin"}) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(binary + " is not installed: run " + installScript + " before the cache tests");
  }

  private void start() throws IOException, InterruptedException {
    process = PeerProcess.start(name, command, port,
        Path.of("target", "peers", name + "-" + port + ".log").toAbsolutePath(), Duration.ofSeconds(20));
  }

  /** Returns {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Returns the port. */
  public int port() {
    return port;
  }

  /** Stops the server; {@link #restart()} brings it back on the same port (empty). */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** Starts the server again on its port after {@link #stop()}. */
  public void restart() throws IOException, InterruptedException {
    stop();
    start();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  @Override
  public String toString() {
    return name + " on " + address();
  }
}
