package io.thanosjvm.app.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Debian {@code chromium}, headless, driven over the DevTools protocol (a WebSocket from the JDK): unlike
 * {@link HeadlessChromium}'s {@code --dump-dom}, whose virtual time stands still while scripts run, the page runs
 * in real time, so its own timings mean something, and a screenshot can be taken at the moment a condition holds.
 * A missing browser fails the test, naming the install script; it never skips.
 */
final class ChromiumDevTools implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private ChromiumDevTools(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts chromium with a 1200×900 window on about:blank and connects to its page. */
  static ChromiumDevTools start() throws Exception {
    Path profile = Files.createTempDirectory("ui-devtools-");
    Process p = new ProcessBuilder(List.of(HeadlessChromium.executable(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
        "--window-size=1200,900", "--remote-debugging-port=0", "about:blank"))
        .redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly();
        throw new AssertionError("chromium did not open its DevTools port within 60 s");
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
    String page = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asString())) {
        page = t.path("webSocketDebuggerUrl").asString();
      }
    }
    if (page == null) {
      p.destroyForcibly();
      throw new AssertionError("chromium has no page target: " + targets);
    }
    ChromiumDevTools[] self = new ChromiumDevTools[1];
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
      private final StringBuilder message = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        message.append(data);
        if (last) {
          JsonNode n = JSON.readTree(message.toString());
          message.setLength(0);
          CompletableFuture<JsonNode> f = n.has("id") ? self[0].pending.remove(n.path("id").asInt()) : null;
          if (f != null) {
            f.complete(n);
          }
        }
        webSocket.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    self[0] = new ChromiumDevTools(p, profile, ws);
    return self[0];
  }

  /** Sends a DevTools command and returns its {@code result}; a protocol error fails. */
  JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
        .get(30, TimeUnit.SECONDS);
    JsonNode r = f.get(120, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.path("error"));
    }
    return r.path("result");
  }

  /** Navigates the page to {@code url}. */
  void navigate(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression in the page (returned by value: strings, numbers, booleans, JSON). */
  JsonNode evaluate(String expression) throws Exception {
    return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
        .path("result").path("value");
  }

  /** Polls {@code expression} every 100 ms until it is a non-empty string, or fails after {@code timeout}. */
  String await(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode v = evaluate(expression);
      if (v.isString() && !v.asString().isEmpty()) {
        return v.asString();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + expression);
      }
      Thread.sleep(100);
    }
  }

  /** A PNG screenshot of the window, written to {@code file}. */
  void screenshot(Path file) throws Exception {
    String data = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(data));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
  }
}
