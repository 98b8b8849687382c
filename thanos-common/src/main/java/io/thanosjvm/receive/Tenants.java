package io.thanosjvm.receive;

import io.thanosjvm.tenancy.InvalidTenantException;

/**
 * The tenant of a write: the tenant header's value ({@code --receive.tenant-header}, default {@code THANOS-TENANT})
 * or {@code --receive.default-tenant-id}. A tenant names a directory under {@code --tsdb.path}, so names that would
 * leave it ({@code ..}, path separators) or are empty are refused.
 */
public final class Tenants {

  private Tenants() {}

  /**
   * The tenant of a request.
   *
   * @param headerValue the tenant header's value, or null when absent
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a tenant that is not a safe directory name
   */
  public static String resolve(String headerValue, String defaultTenant) {
    String tenant = headerValue == null || headerValue.isEmpty() ? defaultTenant : headerValue;
    validate(tenant);
    return tenant;
  }

  /**
   * Checks that a tenant name can name its TSDB directory.
   *
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) naming the problem
   */
  public static void validate(String tenant) {
    try {
      InvalidTenantException.check(tenant); // the one rule for tenant names, shared with the querier's tenancy
    } catch (InvalidTenantException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "Tenant name not valid: \"" + tenant
          + "\" (it names a directory: no '/', '\\\\', '.' or '..')");
    }
  }
}
