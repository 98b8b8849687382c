package io.thanosjvm.receive;

import java.util.Map;

/**
 * The per-tenant head series limit of Thanos' limits file ({@code write.global.head_series_limit}, overridden per
 * tenant): a write to a tenant already holding that many series is refused with {@link WriteErrorCause#LIMITED}
 * (HTTP 429), as Thanos' head series limiter does; 0 means unlimited.
 *
 * @param defaultLimit the global limit
 * @param perTenant overrides by tenant
 */
public record ActiveSeriesLimit(long defaultLimit, Map<String, Long> perTenant) {

  /** No limit. */
  public static final ActiveSeriesLimit NONE = new ActiveSeriesLimit(0, Map.of());

  /** Validates and copies. */
  public ActiveSeriesLimit {
    if (defaultLimit < 0) {
      throw new IllegalArgumentException("head series limit must not be negative");
    }
    perTenant = Map.copyOf(perTenant);
  }

  /** The limit of {@code tenant}, 0 for none. */
  public long limitOf(String tenant) {
    return perTenant.getOrDefault(tenant, defaultLimit);
  }

  /**
   * Refuses a write to a tenant at or over its limit.
   *
   * @throws WriteException ({@link WriteErrorCause#LIMITED}) naming the limit
   */
  public void check(String tenant, long activeSeries) {
    long limit = limitOf(tenant);
    if (limit > 0 && activeSeries >= limit) {
      throw new WriteException(WriteErrorCause.LIMITED, "too many requests: tenant " + tenant + " has "
          + activeSeries + " head series, the limit is " + limit);
    }
  }
}
