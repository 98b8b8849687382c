package io.thanosjvm.tenancy;

/** A tenant name that cannot be one: empty, {@code .} or {@code ..}, or holding a path separator. */
public final class InvalidTenantException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The error for {@code tenant}. */
  public InvalidTenantException(String tenant) {
    super("tenant name not valid: \"" + tenant + "\" (a tenant names a directory: not empty, '.' or '..', "
        + "no '/' or '\\\\')");
  }

  /**
   * Checks a tenant name as Thanos does (a tenant names a TSDB directory in receive, so it must stay one path
   * element).
   *
   * @throws InvalidTenantException when it is not valid
   */
  public static String check(String tenant) {
    if (tenant == null || tenant.isEmpty() || tenant.equals(".") || tenant.equals("..") || tenant.indexOf('/') >= 0
        || tenant.indexOf('\\') >= 0 || tenant.indexOf('\0') >= 0) {
      throw new InvalidTenantException(String.valueOf(tenant));
    }
    return tenant;
  }
}
