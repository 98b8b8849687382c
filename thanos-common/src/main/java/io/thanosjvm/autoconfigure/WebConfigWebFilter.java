package io.thanosjvm.autoconfigure;

import io.thanosjvm.server.http.WebConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The {@code --http.config} rules every HTTP endpoint obeys, as exporter-toolkit applies them: the configured
 * response headers, and HTTP basic authentication against the bcrypt hashes of {@code basic_auth_users} ({@code 401
 * Unauthorized} with {@code WWW-Authenticate: Basic} otherwise). bcrypt is slow by design, so checks run on a bounded
 * scheduler, never on the event loop, and a successful check is remembered (keyed by a SHA-256 of user and
 * password) so that a dashboard polling every few seconds does not pay it each time.
 */
final class WebConfigWebFilter implements WebFilter, Ordered {

  /** A valid hash checked for unknown users, so the answer takes as long as for a known one. */
  private static final String UNKNOWN_USER_HASH = "$2a$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";
  private static final int CACHE_LIMIT = 1_000;

  private final WebConfig config;
  private final Scheduler scheduler;
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

  WebConfigWebFilter(WebConfig config, Scheduler scheduler) {
    this.config = config;
    this.scheduler = scheduler;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    config.headers().forEach((k, v) -> exchange.getResponse().getHeaders().set(k, v));
    if (config.basicAuthUsers().isEmpty()) {
      return chain.filter(exchange);
    }
    String[] credentials = credentials(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      return unauthorized(exchange.getResponse());
    }
    String key = cacheKey(credentials[0], credentials[1]);
    if (verified.containsKey(key)) {
      return chain.filter(exchange);
    }
    return Mono.fromCallable(() -> check(credentials[0], credentials[1])).subscribeOn(scheduler)
        .flatMap(ok -> {
          if (!ok) {
            return unauthorized(exchange.getResponse());
          }
          if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
          }
          verified.put(key, Boolean.TRUE);
          return chain.filter(exchange);
        });
  }

  private boolean check(String user, String password) {
    String hash = config.basicAuthUsers().get(user);
    boolean ok = BCrypt.checkpw(password, hash == null ? UNKNOWN_USER_HASH : hash);
    return ok && hash != null;
  }

  /** {@code [user, password]} of a {@code Basic} authorization header, or null. */
  private static String[] credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static String cacheKey(String user, String password) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((user + "\0" + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Mono<Void> unauthorized(ServerHttpResponse response) {
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic");
    response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    DataBuffer body = response.bufferFactory().wrap("Unauthorized\n".getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(body));
  }
}
