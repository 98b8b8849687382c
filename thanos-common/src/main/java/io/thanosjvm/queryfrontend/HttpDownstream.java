package io.thanosjvm.queryfrontend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The downstream reached over HTTP/1.1 with the JDK client: the path and query string are appended to the
 * base URL ({@code --query-frontend.downstream-url}, whose own path is kept as a prefix). Hop-by-hop headers are
 * never forwarded.
 */
public final class HttpDownstream implements Downstream {

  private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
      "upgrade", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "accept-encoding");

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * A downstream at {@code baseUrl}.
   *
   * @param timeout the longest wait for a whole answer
   */
  public HttpDownstream(URI baseUrl, Duration timeout) {
    String s = baseUrl.toString();
    if (!s.startsWith("http://") && !s.startsWith("https://")) {
      throw new IllegalArgumentException("downstream URL must be http:// or https://, got " + baseUrl);
    }
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The base URL. */
  public URI base() {
    return base;
  }

  @Override
  public DownstreamResponse send(DownstreamRequest request) throws IOException {
    String target = base + request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(timeout);
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    HttpRequest.BodyPublisher body = request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
    b.method(request.method(), body);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new DownstreamResponse(r.statusCode(), r.headers().map(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + target);
    }
  }
}
