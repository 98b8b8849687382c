package io.thanosjvm.receive.hashring;

/** How a hashring's {@code tenants} are compared with a request's tenant ({@code tenant_matcher_type}). */
public enum TenantMatcher {
  /** The tenant equals one of the names ({@code ""} or {@code "exact"} in the file). */
  EXACT,
  /** The tenant matches one of the names as a Go {@code filepath.Match} glob ({@code "glob"}). */
  GLOB;

  /**
   * Parses the file's value.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static TenantMatcher parse(String value) {
    return switch (value) {
      case "", "exact" -> EXACT;
      case "glob" -> GLOB;
      default -> throw new IllegalArgumentException("unknown tenant_matcher_type \"" + value
          + "\"; expected \"exact\" (or empty) or \"glob\"");
    };
  }

  /** Whether {@code tenant} is matched by {@code pattern}. */
  public boolean matches(String pattern, String tenant) {
    return this == EXACT ? pattern.equals(tenant) : GoGlob.matches(pattern, tenant);
  }
}
