package io.thanosjvm.receive.hashring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashringConfigParserTest {

  @Test
  void readsEveryKeyOfThanosFile() {
    List<HashringConfig> cfg = HashringConfigParser.parse("""
        [{"hashring": "default", "tenants": [], "algorithm": "ketama",
          "endpoints": [{"address": "r-0:10901", "capnproto_address": "r-0:19391", "az": "eu-1a"}, "r-1:10901"],
          "external_labels": {"region": "eu"}}]""");
    HashringConfig c = cfg.get(0);
    assertThat(c.name()).isEqualTo("default");
    assertThat(c.tenants()).isEmpty();
    assertThat(c.tenantMatcher()).isEqualTo(TenantMatcher.EXACT);
    assertThat(c.algorithm()).isEqualTo(HashringAlgorithm.KETAMA);
    assertThat(c.endpoints()).containsExactly(new Endpoint("r-0:10901", "r-0:19391", "eu-1a"),
        Endpoint.of("r-1:10901"));
    assertThat(c.externalLabels().get("region")).isEqualTo("eu");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[]                                                      | the configuration holds no hashring",
      "{}                                                      | expected a JSON array",
      "[{\"endpoints\": [\"a:1\"], \"tennants\": [\"x\"]}]     | hashrings[0]: unknown key \"tennants\"",
      "[{\"endpoints\": []}]                                   | hashrings[0]: hashring (unnamed) has no endpoints",
      "[{\"hashring\": \"h\", \"endpoints\": [\"a:1\"], \"algorithm\": \"rendezvous\"}] | hashrings[0] (\"h\"): unknown hashring algorithm",
      "[{\"endpoints\": [\"a:1\"], \"tenant_matcher_type\": \"regex\"}] | unknown tenant_matcher_type \"regex\"",
      "[{\"endpoints\": [{\"addr\": \"a:1\"}]}]                 | unknown endpoint key \"addr\"",
      "[{\"endpoints\": [\"a:1\"], \"shuffle_sharding_config\": {\"shard_size\": 2}}] | shuffle_sharding_config is not supported yet",
      "[{\"endpoints\": [\"a:1\"]                              | invalid JSON"})
  void refusesBadFilesNamingTheProblem(String json, String message) {
    assertThatThrownBy(() -> HashringConfigParser.parse(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({
      "t1-*, t1-prod, true", "t1-*, t1-, true", "t1-*, t2-prod, false", "t?, t1, true", "t?, t12, false",
      "'t[0-9]', t5, true", "'t[^0-9]', t5, false", "'t[^0-9]', tx, true", "*, a/b, false", "'t\\*', t*, true",
      "'t\\*', tx, false", "'[a-c]*z', bz, true"})
  void globsMatchAsGoFilepathMatch(String pattern, String tenant, boolean expected) {
    assertThat(GoGlob.matches(pattern, tenant)).isEqualTo(expected);
  }

  @Test
  void malformedGlobsAreErrorsAsInGo() {
    assertThatThrownBy(() -> GoGlob.matches("t[", "t")).hasMessage("syntax error in pattern");
    assertThatThrownBy(() -> GoGlob.matches("t\\", "t")).hasMessage("syntax error in pattern");
    assertThatThrownBy(() -> GoGlob.matches("[]", "a")).hasMessage("syntax error in pattern");
  }
}
