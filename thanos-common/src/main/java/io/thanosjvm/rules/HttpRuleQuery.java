package io.thanosjvm.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.discovery.DnsResolver;
import io.thanosjvm.discovery.JndiDnsLookup;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ruler's query path over HTTP, as Thanos' ruler queries: an instant query ({@code /api/v1/query}) to one of
 * the {@code --query} servers with Thanos' parameters {@code dedup=true} and {@code partial_response} (true for a
 * {@code warn} group, false for {@code abort}), by {@code GET} or form {@code POST} ({@code --query.http-method});
 * servers are taken in round robin, a failing one is logged and the next tried, and only when none answers does
 * the rule fail ({@code no query API server reachable}). An answer with warnings is used and counted in
 * {@code thanos_rule_evaluation_with_warnings_total{strategy}}.
 */
public final class HttpRuleQuery implements RuleQuery {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRuleQuery.class);

  /** {@code --query.http-method}. */
  public enum Method {
    /** Parameters in the URL. */
    GET,
    /** Parameters as an urlencoded form body (Thanos' default). */
    POST
  }

  private final List<QueryEndpoint> endpoints;
  private final Method method;
  private final Duration timeout;
  private final HttpClient http;
  private final DnsResolver dns = new DnsResolver(JndiDnsLookup.system());
  private final Map<HttpClientConfig, HttpClient> clients = new ConcurrentHashMap<>();
  private final Counter warnWarnings;
  private final Counter abortWarnings;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * A query path over {@code endpoints}.
   *
   * @param timeout the longest one query may take on one server
   */
  public HttpRuleQuery(List<QueryEndpoint> endpoints, Method method, Duration timeout, HttpClient http,
      MeterRegistry registry) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no query API server to evaluate rules against (--"
          + io.thanosjvm.cli.FlagNames.QUERY + ")");
    }
    this.endpoints = List.copyOf(endpoints);
    this.method = Objects.requireNonNull(method, "method");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = Objects.requireNonNull(http, "http");
    this.warnWarnings = warnings(registry, PartialResponseStrategy.WARN);
    this.abortWarnings = warnings(registry, PartialResponseStrategy.ABORT);
  }

  private static Counter warnings(MeterRegistry registry, PartialResponseStrategy s) {
    return Counter.builder("thanos_rule_evaluation_with_warnings_total")
        .description("The total number of rule evaluation that were successful but had warnings which can indicate "
            + "partial error.")
        .tag("strategy", s.name().toLowerCase(Locale.ROOT)).register(registry);
  }

  @Override
  public List<SeriesValue> query(String expr, long evalMillis, PartialResponseStrategy strategy) {
    List<URI> servers = new ArrayList<>();
    List<QueryEndpoint> serverEndpoints = new ArrayList<>();
    String lastError = null;
    for (QueryEndpoint e : endpoints) {
      List<String> errors = new ArrayList<>();
      List<URI> resolved = e.resolve(dns, errors);
      for (String err : errors) {
        lastError = err;
        LOG.error("cannot resolve query API server {}: {}", e.address().isEmpty() ? e.sdFiles() : e.address(), err);
      }
      servers.addAll(resolved);
      resolved.forEach(u -> serverEndpoints.add(e));
    }
    int start = servers.isEmpty() ? 0 : Math.floorMod(next.getAndIncrement(), servers.size());
    for (int i = 0; i < servers.size(); i++) {
      URI server = servers.get((start + i) % servers.size());
      QueryEndpoint endpoint = serverEndpoints.get((start + i) % servers.size());
      InstantQueryResponse r;
      try {
        r = send(server, endpoint.http(), expr, evalMillis, strategy);
      } catch (IOException | RuntimeException ex) {
        lastError = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        LOG.error("rule query failed on {}: {} (query: {})", server, lastError, expr);
        continue;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", ex);
      }
      if (!r.warnings().isEmpty()) {
        (strategy == PartialResponseStrategy.WARN ? warnWarnings : abortWarnings).increment();
        LOG.warn("rule query had warnings: {} (query: {})", String.join(", ", r.warnings()), expr);
      }
      return r.series();
    }
    throw new IllegalStateException("no query API server reachable" + (lastError == null ? "" : ": " + lastError));
  }

  private InstantQueryResponse send(URI server, HttpClientConfig httpConfig, String expr, long evalMillis,
      PartialResponseStrategy strategy) throws IOException, InterruptedException {
    String params = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
        + "&time=" + formatTime(evalMillis)
        + "&dedup=true"
        + "&partial_response=" + (strategy == PartialResponseStrategy.WARN);
    URI url = URI.create(server + "/api/v1/query");
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(timeout).header("User-Agent", "thanos-rule");
    httpConfig.authorization().ifPresent(a -> b.header("Authorization", a));
    if (method == Method.GET) {
      b.uri(URI.create(url + "?" + params)).GET();
    } else {
      b.uri(url).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(params));
    }
    HttpClient client = clients.computeIfAbsent(httpConfig, c -> c.client(http));
    HttpResponse<String> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return InstantQueryResponse.parse(resp.statusCode(), resp.body());
  }

  /** Unix seconds with up to millisecond decimals and no trailing zeros, as Thanos formats {@code time}. */
  public static String formatTime(long millis) {
    long secs = Math.floorDiv(millis, 1000);
    int ms = (int) Math.floorMod(millis, 1000);
    if (ms == 0) {
      return Long.toString(secs);
    }
    String frac = String.format(Locale.ROOT, "%03d", ms);
    while (frac.endsWith("0")) {
      frac = frac.substring(0, frac.length() - 1);
    }
    if (secs < 0) {
      // Go prints the float value: -1.5 for -1500 ms.
      long whole = secs + 1;
      int rest = 1000 - ms;
      String f = String.format(Locale.ROOT, "%03d", rest).replaceAll("0+$", "");
      return (whole == 0 ? "-0" : Long.toString(whole)) + "." + f;
    }
    return secs + "." + frac;
  }
}
