package io.thanosjvm.queryfrontend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of the client's request travels with each sub-request: the forwarded headers
 * ({@code --query-frontend.forward-header}) and the tenant (part of the cache key).
 *
 * @param forwarded header name to values, sent downstream unchanged
 * @param tenant the tenant, {@link #DEFAULT_TENANT} when the client named none
 */
public record RequestHeaders(Map<String, List<String>> forwarded, String tenant) {

  /** Thanos' tenant when none is given. */
  public static final String DEFAULT_TENANT = "default-tenant";

  /** No forwarded headers, the default tenant. */
  public static final RequestHeaders NONE = new RequestHeaders(Map.of(), DEFAULT_TENANT);

  /** Copies the map. */
  public RequestHeaders {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    forwarded.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    forwarded = java.util.Collections.unmodifiableMap(copy);
    if (tenant == null || tenant.isEmpty()) {
      tenant = DEFAULT_TENANT;
    }
  }
}
