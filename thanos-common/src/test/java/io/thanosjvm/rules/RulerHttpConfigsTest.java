package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.discovery.DnsResolver;
import io.thanosjvm.discovery.JndiDnsLookup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thanos' {@code --query.config} and {@code --alertmanagers.config} files as the ruler reads them. */
class RulerHttpConfigsTest {

  @TempDir Path dir;

  @Test
  void queryConfigGivesStaticAndFileDiscoveredServersWithTheirHttpConfig() throws Exception {
    Files.writeString(dir.resolve("targets-1.yml"), "- targets: ['10.0.0.1:10902', '10.0.0.2:10902']\n");
    Files.writeString(dir.resolve("targets-2.json"), "[{\"targets\": [\"10.0.0.3:10902\"], \"labels\": {}}]");
    Files.writeString(dir.resolve("password"), "s3cret\n");
    List<QueryEndpoint> endpoints = RulerHttpConfigs.queryConfig("""
        - http_config:
            basic_auth: {username: ruler, password_file: %s}
          static_configs: [query-a:10902, dns+query-b:10902]
          scheme: https
          path_prefix: /thanos/
        - file_sd_configs:
            - files: ['%s/targets-*']
              refresh_interval: 1m
        """.formatted(dir.resolve("password"), dir));
    assertThat(endpoints).hasSize(3);
    assertThat(endpoints.get(0).resolve()).containsExactly(URI.create("https://query-a:10902/thanos"));
    assertThat(endpoints.get(0).http().authorization()).hasValue("Basic cnVsZXI6czNjcmV0");
    assertThat(endpoints.get(1).address()).isEqualTo("dns+query-b:10902");
    List<String> errors = new ArrayList<>();
    assertThat(endpoints.get(2).resolve(new DnsResolver(JndiDnsLookup.system()), errors)).containsExactly(
        URI.create("http://10.0.0.1:10902"), URI.create("http://10.0.0.2:10902"), URI.create("http://10.0.0.3:10902"));
    assertThat(errors).isEmpty();
    assertThat(endpoints.get(2).http()).isEqualTo(HttpClientConfig.NONE);
  }

  @Test
  void alertingConfigGivesEachAlertmanagerItsTimeoutPrefixAndAuth() {
    List<AlertmanagerTarget> ams = RulerHttpConfigs.alertingConfig("""
        alertmanagers:
          - static_configs: [am-0:9093, am-1:9093]
            timeout: 3s
            path_prefix: /am
            api_version: v2
          - http_config: {bearer_token: t0k3n}
            static_configs: [am-2:9093]
            scheme: https
        """);
    assertThat(ams).extracting(AlertmanagerTarget::url).containsExactly(URI.create("http://am-0:9093/am"),
        URI.create("http://am-1:9093/am"), URI.create("https://am-2:9093"));
    assertThat(ams.get(0).timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(ams.get(2).timeout()).as("Thanos' default").isEqualTo(Duration.ofSeconds(10));
    assertThat(ams.get(2).http().authorization()).hasValue("Bearer t0k3n");
  }

  @Test
  void wrongOrUnsupportedKeysFailNamingTheKey() {
    assertThatThrownBy(() -> RulerHttpConfigs.queryConfig("- static_config: [a:1]\n"))
        .hasMessageContaining("[0].static_config").hasMessageContaining("unknown key");
    assertThatThrownBy(() -> RulerHttpConfigs.alertingConfig("alertmanagers:\n  - api_version: v1\n"))
        .hasMessageContaining("alertmanagers[0].api_version").hasMessageContaining("not implemented");
    assertThatThrownBy(() -> RulerHttpConfigs.queryConfig(
        "- http_config: {tls_config: {insecure_skip_verify: true}}\n  static_configs: [a:1]\n"))
        .hasMessageContaining("insecure_skip_verify").hasMessageContaining("not supported");
    assertThatThrownBy(() -> RulerHttpConfigs.queryConfig(
        "- http_config: {basic_auth: {username: u, password: p}, bearer_token: t}\n  static_configs: [a:1]\n"))
        .hasMessageContaining("at most one of basic_auth, bearer_token & bearer_token_file must be configured");
    assertThatThrownBy(() -> RulerHttpConfigs.queryConfig("- static_configs: [query-a]\n"))
        .hasMessageContaining("missing port");
  }
}
