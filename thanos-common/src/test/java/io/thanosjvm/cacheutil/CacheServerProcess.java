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
