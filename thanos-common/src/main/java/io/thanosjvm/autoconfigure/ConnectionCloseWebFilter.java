package io.thanosjvm.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every HTTP answer closes its connection ({@code Connection: close}). With the Reactor Netty we run, a request that
 * arrives on a keep-alive connection before the previous exchange has finished is buffered and never read
 * (reactor-netty #4361): the client waits forever. Seen as hangs in CI after 200s, 401s and 404s alike, about once in
 * 200 connections with fast sequential clients (the JDK client, a raw socket client). A new connection per request
 * costs a TCP handshake; a lost request costs a dashboard panel or a test run. Remove once Reactor Netty is upgraded
 * together with Netty.
 */
final class ConnectionCloseWebFilter implements WebFilter, Ordered {

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
    return chain.filter(exchange);
  }
}
