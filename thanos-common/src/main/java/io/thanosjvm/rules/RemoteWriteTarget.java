package io.thanosjvm.rules;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code remote_write} entry of the stateless ruler's {@code --remote-write.config} (Prometheus'
 * remote_write syntax): where recorded samples and {@code ALERTS} go.
 *
 * @param url the remote write endpoint (e.g. a receive's {@code /api/v1/receive} or Prometheus' {@code /api/v1/write})
 * @param timeout {@code remote_timeout} (Prometheus' default 30s)
 * @param headers extra request headers
 * @param http {@code basic_auth}, {@code bearer_token(_file)}, {@code tls_config.ca_file}
 */
public record RemoteWriteTarget(URI url, Duration timeout, Map<String, String> headers, HttpClientConfig http) {

  /** Validates the target. */
  public RemoteWriteTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(http, "http");
  }

  /**
   * Reads a {@code --remote-write.config} text: {@code remote_write: [{url, name, remote_timeout, headers,
   * basic_auth, bearer_token, bearer_token_file, tls_config: {ca_file}}]}; queue and metadata tuning keys are
   * accepted and not used (each evaluation's samples are sent at once).
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static List<RemoteWriteTarget> parse(String yaml) {
    YamlConfig kind = new YamlConfig("remote write configuration", IllegalArgumentException::new);
    YamlNode root = kind.parse(yaml, "remote_write");
    List<RemoteWriteTarget> out = new ArrayList<>();
    for (YamlNode rw : root.children("remote_write")) {
      URI url = URI.create(rw.requiredString("url"));
      rw.string("name", "");
      Duration timeout = rw.promDuration("remote_timeout", Duration.ofSeconds(30));
      Map<String, String> headers = rw.stringMap("headers");
      rw.child("queue_config");
      rw.child("metadata_config");
      YamlNode basic = rw.child("basic_auth");
      YamlNode tls = rw.child("tls_config");
      HttpClientConfig http = new HttpClientConfig(basic.string("username", ""), basic.string("password", ""),
          basic.string("password_file", ""), rw.string("bearer_token", ""), rw.string("bearer_token_file", ""),
          tls.string("ca_file", ""));
      basic.finish();
      tls.finish();
      rw.finish();
      out.add(new RemoteWriteTarget(url, timeout, headers, http));
    }
    root.finish();
    if (out.isEmpty()) {
      throw kind.error("no remote_write entry");
    }
    return out;
  }
}
