package io.thanosjvm.receive;

import java.util.Map;
import java.util.Objects;

/**
 * The request limits of Thanos' limits file per tenant: {@code write.default.request} for every tenant, overridden
 * by {@code write.tenants.<tenant>.request} (a key a tenant leaves out is inherited from the default, as Thanos
 * overlays them). Refusals are HTTP 413, as Thanos' request limiter answers.
 *
 * @param defaults the limits of tenants without an override
 * @param perTenant the overrides by tenant, already overlaid on the defaults
 */
public record TenantRequestLimits(RequestLimits defaults, Map<String, RequestLimits> perTenant) {

  /** Validates and copies. */
  public TenantRequestLimits {
    Objects.requireNonNull(defaults, "defaults");
    perTenant = Map.copyOf(perTenant);
  }

  /** The same limits for every tenant. */
  public static TenantRequestLimits uniform(RequestLimits limits) {
    return new TenantRequestLimits(limits, Map.of());
  }

  /** The limits of {@code tenant}. */
  public RequestLimits of(String tenant) {
    return perTenant.getOrDefault(tenant, defaults);
  }

  /** These limits with {@code maxDecodedBytes} as every tenant's decoded-size guard. */
  public TenantRequestLimits withMaxDecodedBytes(long maxDecodedBytes) {
    java.util.HashMap<String, RequestLimits> tenants = new java.util.HashMap<>();
    perTenant.forEach((t, l) -> tenants.put(t, l.withMaxDecodedBytes(maxDecodedBytes)));
    return new TenantRequestLimits(defaults.withMaxDecodedBytes(maxDecodedBytes), tenants);
  }
}
