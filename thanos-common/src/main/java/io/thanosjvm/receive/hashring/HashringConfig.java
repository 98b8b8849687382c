package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the hashrings file.
 *
 * @param name the hashring's name ({@code hashring}), or ""
 * @param tenants the tenants it serves ({@code tenants}); empty means every tenant no earlier hashring took
 * @param tenantMatcher how {@code tenants} are compared ({@code tenant_matcher_type})
 * @param endpoints its receivers ({@code endpoints}), at least one
 * @param algorithm its own algorithm ({@code algorithm}), or null for the {@code --receive.hashrings-algorithm} flag
 * @param externalLabels labels added to the blocks of its tenants ({@code external_labels})
 */
public record HashringConfig(String name, List<String> tenants, TenantMatcher tenantMatcher,
    List<Endpoint> endpoints, HashringAlgorithm algorithm, Labels externalLabels) {

  /** Validates the entry. */
  public HashringConfig {
    Objects.requireNonNull(name, "name");
    tenants = List.copyOf(tenants);
    Objects.requireNonNull(tenantMatcher, "tenantMatcher");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(externalLabels, "externalLabels");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("hashring " + (name.isEmpty() ? "(unnamed)" : "\"" + name + "\"")
          + " has no endpoints");
    }
  }

  /** Whether this hashring takes {@code tenant}: it lists no tenants, or one of them matches. */
  public boolean serves(String tenant) {
    if (tenants.isEmpty()) {
      return true;
    }
    for (String t : tenants) {
      if (tenantMatcher.matches(t, tenant)) {
        return true;
      }
    }
    return false;
  }
}
