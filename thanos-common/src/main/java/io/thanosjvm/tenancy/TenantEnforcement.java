package io.thanosjvm.tenancy;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Confines a request to one tenant's series: every matcher list it sends to stores gets {@code <label>="<tenant>"},
 * and any matcher of its own on that label is replaced (as Thanos' enforcement through prom-label-proxy's injector
 * with replacement allowed), so no selector can reach another tenant's or untenanted series.
 *
 * @param labelName the tenant label ({@code --query.tenant-label-name}, default {@code tenant_id})
 * @param tenant the request's tenant
 */
public record TenantEnforcement(String labelName, String tenant) {

  /** Validates the label name and the tenant. */
  public TenantEnforcement {
    Objects.requireNonNull(labelName, "labelName");
    if (!Label.isValidName(labelName)) {
      throw new IllegalArgumentException("invalid tenant label name: \"" + labelName + "\"");
    }
    InvalidTenantException.check(tenant);
  }

  /** The matcher every selection gets. */
  public Matcher matcher() {
    return Matcher.equal(labelName, tenant);
  }

  /** {@code matchers} without those on the tenant label, plus the tenant's matcher. */
  public List<Matcher> enforce(List<Matcher> matchers) {
    List<Matcher> out = new ArrayList<>(matchers.size() + 1);
    for (Matcher m : matchers) {
      if (!m.name().equals(labelName)) {
        out.add(m);
      }
    }
    out.add(matcher());
    return out;
  }
}
