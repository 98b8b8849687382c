package io.thanosjvm.rules;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Thanos' ruler endpoint configuration files: {@code --query.config} (a list of {@code http_config},
 * {@code static_configs}, {@code file_sd_configs}, {@code scheme}, {@code path_prefix}) and
 * {@code --alertmanagers.config} ({@code alertmanagers:} entries with the same keys plus {@code timeout} and
 * {@code api_version}). Unknown keys and what is not supported (client certificates, {@code insecure_skip_verify},
 * proxies, Alertmanager API v1, Alertmanager file or DNS discovery) fail with the key's path.
 */
public final class RulerHttpConfigs {

  private RulerHttpConfigs() {}

  /** The query API servers of a {@code --query.config} text. */
  public static List<QueryEndpoint> queryConfig(String yaml) {
    YamlConfig kind = new YamlConfig("query configuration", IllegalArgumentException::new);
    List<QueryEndpoint> out = new ArrayList<>();
    for (YamlNode entry : kind.parseList(yaml, "http_config, static_configs, file_sd_configs, scheme, path_prefix")) {
      HttpClientConfig http = httpConfig(entry.child("http_config"));
      String scheme = entry.string("scheme", "http");
      String prefix = entry.string("path_prefix", "");
      for (String address : entry.strings("static_configs")) {
        out.add(new QueryEndpoint(scheme, address, prefix, http, List.of()));
      }
      List<String> files = new ArrayList<>();
      for (YamlNode sd : entry.children("file_sd_configs")) {
        files.addAll(sd.strings("files"));
        sd.promDuration("refresh_interval", Duration.ofMinutes(5));
        sd.finish();
      }
      if (!files.isEmpty()) {
        out.add(new QueryEndpoint(scheme, "", prefix, http, files));
      }
      entry.finish();
    }
    return out;
  }

  /**
   * The Alertmanagers of an {@code --alertmanagers.config} text.
   *
   * @throws IllegalArgumentException naming the key that is wrong or not supported
   */
  public static List<AlertmanagerTarget> alertingConfig(String yaml) {
    YamlConfig kind = new YamlConfig("alerting configuration", IllegalArgumentException::new);
    YamlNode root = kind.parse(yaml, "alertmanagers");
    List<AlertmanagerTarget> out = new ArrayList<>();
    for (YamlNode am : root.children("alertmanagers")) {
      HttpClientConfig http = httpConfig(am.child("http_config"));
      String scheme = am.string("scheme", "http");
      String prefix = am.string("path_prefix", "");
      Duration timeout = am.promDuration("timeout", Duration.ofSeconds(10));
      String api = am.string("api_version", "v2").toLowerCase(Locale.ROOT);
      if (api.equals("v1")) {
        throw am.error("api_version", "Alertmanager API v1 is not implemented (Alertmanager 0.25 serves v2)");
      }
      if (!api.equals("v2")) {
        throw am.error("api_version", "unsupported API version \"" + api + "\" (v1 or v2)");
      }
      if (!am.children("file_sd_configs").isEmpty()) {
        throw am.error("file_sd_configs", "file discovery of Alertmanagers is not implemented yet; use "
            + "static_configs");
      }
      for (String address : am.strings("static_configs")) {
        if (address.contains("+")) {
          throw am.error("static_configs", address + ": DNS discovery of Alertmanagers is not implemented yet");
        }
        out.add(new AlertmanagerTarget(URI.create(scheme + "://" + address + prefix), http, timeout));
      }
      am.finish();
    }
    root.finish();
    return out;
  }

  private static HttpClientConfig httpConfig(YamlNode http) {
    YamlNode basic = http.child("basic_auth");
    YamlNode tls = http.child("tls_config");
    for (String unsupported : List.of("cert_file", "key_file", "server_name", "insecure_skip_verify")) {
      if (tls.has(unsupported)) {
        throw tls.error(unsupported, "not supported yet (only ca_file)");
      }
    }
    if (http.has("proxy_url")) {
      throw http.error("proxy_url", "not supported yet");
    }
    HttpClientConfig out;
    try {
      out = new HttpClientConfig(basic.string("username", ""), basic.string("password", ""),
          basic.string("password_file", ""), http.string("bearer_token", ""), http.string("bearer_token_file", ""),
          tls.string("ca_file", ""));
    } catch (IllegalArgumentException e) {
      throw http.error("basic_auth", e.getMessage());
    }
    basic.finish();
    tls.finish();
    http.finish();
    return out;
  }
}
