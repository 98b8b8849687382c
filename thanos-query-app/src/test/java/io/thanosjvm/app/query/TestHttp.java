package io.thanosjvm.app.query;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Small HTTP helpers for the query app's tests. Requests use plain HTTP/1.1 (no h2c upgrade dance). A request
 * that times out prints a thread dump of the test JVM (server and client run in it) to stderr and is tried once
 * more: a CI run once saw one such timeout that never reproduced, and the dump is what explains the next one.
 */
final class TestHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TestHttp() {}

  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15)).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      System.err.println("GET " + path + " timed out; thread dump follows, then one retry");
      for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
        System.err.print(t);
      }
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
