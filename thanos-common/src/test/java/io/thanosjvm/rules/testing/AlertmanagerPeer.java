package io.thanosjvm.rules.testing;

import com.sun.net.httpserver.HttpServer;
import io.thanosjvm.objstore.PeerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Alertmanager 0.25 ({@code /usr/bin/prometheus-alertmanager}, .ci/install-alertmanager.sh) on a free
 * loopback port, routing every alert at once (group_wait 0s, group_interval 1s, resolved included) to a webhook:
 * a JDK HTTP server in the test that keeps every notification it gets. Stopped by handle.
 */
public final class AlertmanagerPeer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PeerProcess process;
  private final HttpServer hook;
  private final List<JsonNode> notified = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();

  private AlertmanagerPeer(PeerProcess process, HttpServer hook) {
    this.process = process;
    this.hook = hook;
  }

  /** Starts an Alertmanager with its working files under {@code dir}. */
  public static AlertmanagerPeer start(Path dir) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/prometheus-alertmanager");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("Alertmanager missing: run .ci/install-alertmanager.sh");
    }
    Files.createDirectories(dir);
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<JsonNode> sink = Collections.synchronizedList(new ArrayList<>());
    Path config = dir.resolve("am.yml");
    Files.writeString(config, """
        route:
          receiver: hook
          group_by: ['...']
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:%d/
                send_resolved: true
        """.formatted(hook.getAddress().getPort()));
    int port = PeerProcess.freePort();
    PeerProcess p = PeerProcess.start("alertmanager", List.of(binary.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address="), port, dir.resolve("am.log"), Duration.ofSeconds(60));
    AlertmanagerPeer peer = new AlertmanagerPeer(p, hook);
    hook.createContext("/", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ex.getRequestBody().transferTo(body);
      JsonNode n = JSON.readTree(body.toString(StandardCharsets.UTF_8));
      for (JsonNode a : n.get("alerts")) {
        peer.notified.add(a);
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.start();
    return peer;
  }

  /** The base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + process.port());
  }

  /** {@code host:port}. */
  public String address() {
    return "127.0.0.1:" + process.port();
  }

  /** Every alert of every webhook notification so far. */
  public List<JsonNode> notified() {
    synchronized (notified) {
      return List.copyOf(notified);
    }
  }

  /** The alerts it holds now ({@code GET /api/v2/alerts}). */
  public JsonNode alerts() throws IOException, InterruptedException {
    return JSON.readTree(http.send(HttpRequest.newBuilder(url().resolve("/api/v2/alerts")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Override
  public void close() throws InterruptedException {
    hook.stop(0);
    process.close();
  }
}
