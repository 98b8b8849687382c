package io.thanosjvm.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tenant resolution, validation and the matcher enforcement. */
class QueryTenancyTest {

  private static final QueryTenancy ENFORCED = new QueryTenancy("THANOS-TENANT", "default-tenant", "tenant_id", true);

  @Test
  void theHeaderNamesTheTenantElseTheDefault() {
    assertThat(ENFORCED.enforcement("team-a")).isEqualTo(new TenantEnforcement("tenant_id", "team-a"));
    assertThat(ENFORCED.enforcement(null)).isEqualTo(new TenantEnforcement("tenant_id", "default-tenant"));
    assertThat(ENFORCED.enforcement("")).isEqualTo(new TenantEnforcement("tenant_id", "default-tenant"));
    assertThat(QueryTenancy.DEFAULTS.enforcement("team-a")).isNull();
  }

  @Test
  void tenantsThatAreNoSinglePathElementAreRefused() {
    for (String bad : List.of("..", ".", "a/b", "a\\b")) {
      assertThatThrownBy(() -> ENFORCED.enforcement(bad)).isInstanceOf(InvalidTenantException.class)
          .hasMessageContaining("tenant name not valid");
    }
    assertThatThrownBy(() -> new QueryTenancy("THANOS-TENANT", "x/y", "tenant_id", false))
        .isInstanceOf(InvalidTenantException.class);
    assertThatThrownBy(() -> new QueryTenancy("THANOS-TENANT", "t", "bad-label", false))
        .hasMessageContaining("invalid tenant label name");
  }

  @Test
  void theTenantMatcherReplacesAnyOnTheTenantLabel() {
    TenantEnforcement e = new TenantEnforcement("tenant_id", "team-a");
    assertThat(e.enforce(List.of(Matcher.equal("__name__", "up"), Matcher.regex("tenant_id", ".*"),
        Matcher.notEqual("tenant_id", "team-a"))))
        .containsExactly(Matcher.equal("__name__", "up"), Matcher.equal("tenant_id", "team-a"));
    assertThat(e.enforce(List.of())).containsExactly(Matcher.equal("tenant_id", "team-a"));
  }
}
