package io.thanosjvm.receive;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Thanos' receive limits file ({@code --receive.limits-config(-file)}), the parts enforced here: {@code
 * write.default.request} ({@code size_bytes_limit}, {@code series_limit}, {@code samples_limit}) and {@code
 * write.default.head_series_limit}, with per-tenant overrides of both under {@code write.tenants.<tenant>} (a
 * request limit a tenant leaves out is the default's, as Thanos overlays them). Other keys Thanos knows ({@code
 * write.global.max_concurrency}, {@code meta_monitoring_*}) are accepted and not enforced.
 *
 * @param request the request limits, default and per tenant
 * @param headSeries the head series limits
 */
public record LimitsConfig(TenantRequestLimits request, ActiveSeriesLimit headSeries) {

  /** No file: only the decoded-size guard. */
  public static final LimitsConfig NONE = new LimitsConfig(TenantRequestLimits.uniform(RequestLimits.DEFAULT),
      ActiveSeriesLimit.NONE);

  /**
   * Parses the file's text.
   *
   * @throws IllegalArgumentException naming the offending key
   */
  public static LimitsConfig parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      return NONE;
    }
    YamlConfig config = new YamlConfig("receive limits config", (m, c) -> new IllegalArgumentException(m, c));
    YamlNode top = config.parse(yaml, "write");
    YamlNode write = top.child("write");
    YamlNode global = write.child("global");
    global.number("max_concurrency", 0);
    global.string("meta_monitoring_url", "");
    global.string("meta_monitoring_limit_query", "");
    global.child("meta_monitoring_http_client");
    YamlNode def = write.child("default");
    YamlNode req = def.child("request");
    RequestLimits request = new RequestLimits(req.number("size_bytes_limit", 0), req.number("series_limit", 0),
        req.number("samples_limit", 0), RequestLimits.DEFAULT.maxDecodedBytes());
    req.finish();
    long head = def.number("head_series_limit", 0);
    def.finish();
    Map<String, Long> perTenant = new HashMap<>();
    Map<String, RequestLimits> tenantRequests = new HashMap<>();
    Map<?, ?> root = config.firstMapping(yaml, "write");
    Object tenants = root.get("write") instanceof Map<?, ?> w ? w.get("tenants") : null;
    write.child("tenants");
    if (tenants instanceof Map<?, ?> tm) {
      tm.forEach((name, v) -> {
        YamlNode t = new YamlNode(config, "write.tenants." + name, v instanceof Map<?, ?> vm ? vm : Map.of());
        YamlNode tr = t.child("request");
        tenantRequests.put(String.valueOf(name), new RequestLimits(tr.number("size_bytes_limit", request.sizeBytes()),
            tr.number("series_limit", request.series()), tr.number("samples_limit", request.samples()),
            request.maxDecodedBytes()));
        tr.finish();
        perTenant.put(String.valueOf(name), t.number("head_series_limit", head));
        t.finish();
      });
    }
    write.finish();
    top.finish();
    return new LimitsConfig(new TenantRequestLimits(request, tenantRequests), new ActiveSeriesLimit(head, perTenant));
  }
}
