package io.thanosjvm.tenancy;

import java.util.Objects;

/**
 * The querier's tenancy settings ({@code --query.tenant-header}, {@code --query.default-tenant-id},
 * {@code --query.tenant-label-name}, {@code --query.enforce-tenancy}).
 *
 * @param tenantHeader the HTTP header naming the tenant
 * @param defaultTenantId the tenant of a request without the header
 * @param tenantLabelName the label holding the tenant in stored series
 * @param enforceTenancy whether a request only sees its tenant's series
 */
public record QueryTenancy(String tenantHeader, String defaultTenantId, String tenantLabelName,
    boolean enforceTenancy) {

  /** Thanos' defaults: {@code THANOS-TENANT}, {@code default-tenant}, {@code tenant_id}, not enforced. */
  public static final QueryTenancy DEFAULTS = new QueryTenancy("THANOS-TENANT", "default-tenant", "tenant_id", false);

  /** Validates the settings (a bad default tenant or label name fails at start-up). */
  public QueryTenancy {
    Objects.requireNonNull(tenantHeader, "tenantHeader");
    if (tenantHeader.isBlank()) {
      throw new IllegalArgumentException("the tenant header must not be empty");
    }
    new TenantEnforcement(tenantLabelName, defaultTenantId);
  }

  /** The tenant of a request from its tenant header's value (null or empty: the default tenant). */
  public String tenant(String headerValue) {
    return InvalidTenantException.check(headerValue == null || headerValue.isEmpty() ? defaultTenantId : headerValue);
  }

  /**
   * The enforcement for a request, or null when tenancy is not enforced.
   *
   * @throws InvalidTenantException when enforced and the header names an invalid tenant
   */
  public TenantEnforcement enforcement(String headerValue) {
    return enforceTenancy ? new TenantEnforcement(tenantLabelName, tenant(headerValue)) : null;
  }
}
