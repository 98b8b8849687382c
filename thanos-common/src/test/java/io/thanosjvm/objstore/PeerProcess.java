package io.thanosjvm.objstore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server run as a child process for tests, bound to 127.0.0.1, stopped by its handle. Its output
 * goes to a log file whose tail is shown if it fails to start.
 */
public final class PeerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private PeerProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Returns a port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** Starts {@code command} and waits until it accepts connections on {@code port}. */
  public static PeerProcess start(String name, List<String> command, int port, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return start(name, command, Path.of("."), port, log, timeout);
  }

  /** Starts {@code command} in {@code workDir} and waits until it accepts connections on {@code port}. */
  public static PeerProcess start(
      String name, List<String> command, Path workDir, int port, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PeerProcess peer = new PeerProcess(name, process, log, port);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + peer.logTail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return peer;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    peer.close();
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ": "
        + peer.logTail());
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /** Returns the last lines of the server's output. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the server: politely first, forcibly after five seconds. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " on 127.0.0.1:" + port;
  }
}
