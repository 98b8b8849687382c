package io.thanosjvm.server.http;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP server's web configuration ({@code --http.config}), Prometheus' exporter-toolkit format: {@code
 * tls_server_config} (certificate and key, client authentication, minimum TLS version), {@code basic_auth_users}
 * (user name to bcrypt hash) and {@code http_server_config.headers} (response headers). Unknown keys are errors,
 * as exporter-toolkit reads the file strictly.
 *
 * @param tls TLS for the HTTP server, or null for plain HTTP
 * @param basicAuthUsers bcrypt password hashes by user name; empty for no authentication
 * @param headers headers added to every response
 */
public record WebConfig(Tls tls, Map<String, String> basicAuthUsers, Map<String, String> headers) {

  /** Headers exporter-toolkit lets a web config set. */
  private static final List<String> ALLOWED_HEADERS = List.of("Strict-Transport-Security", "X-Content-Type-Options",
      "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy");

  /** Client certificate policies, exporter-toolkit's {@code client_auth_type} values. */
  public enum ClientAuth {
    /** No client certificate asked for ({@code NoClientCert}, the default). */
    NONE,
    /** A client certificate verified against {@code client_ca_file} when one is sent ({@code VerifyClientCertIfGiven}). */
    VERIFY_IF_GIVEN,
    /** A client certificate required and verified ({@code RequireAndVerifyClientCert}). */
    REQUIRE_AND_VERIFY
  }

  /**
   * TLS of the HTTP server.
   *
   * @param certFile server certificate (PEM)
   * @param keyFile its private key (PEM)
   * @param clientAuth the client certificate policy
   * @param clientCaFile CA for client certificates ("" when none are verified)
   * @param minVersion lowest protocol, as JSSE names it ({@code TLSv1.2}, the default)
   */
  public record Tls(String certFile, String keyFile, ClientAuth clientAuth, String clientCaFile, String minVersion) {

    /** Validates the combination as exporter-toolkit does. */
    public Tls {
      Objects.requireNonNull(clientAuth, "clientAuth");
      if (certFile.isEmpty() || keyFile.isEmpty()) {
        throw new IllegalArgumentException("tls_server_config needs both cert_file and key_file");
      }
      if (clientAuth != ClientAuth.NONE && clientCaFile.isEmpty()) {
        throw new IllegalArgumentException("tls_server_config: client_auth_type needs client_ca_file");
      }
    }

    /** The enabled protocols, from the minimum version up. */
    public List<String> protocols() {
      List<String> all = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
      return all.subList(all.indexOf(minVersion), all.size());
    }
  }

  /** Copies the maps. */
  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
    headers = Map.copyOf(headers);
  }

  /**
   * Reads and validates the file.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static WebConfig load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("web config " + file + ": cannot read it: " + e.getMessage(), e);
    }
    return parse(yaml, "web config " + file);
  }

  /** Parses the YAML text; errors start with {@code what}. */
  public static WebConfig parse(String yaml, String what) {
    YamlConfig config = new YamlConfig(what, IllegalArgumentException::new);
    YamlNode root = yaml.isBlank() ? null : config.parse(yaml, "tls_server_config, basic_auth_users or "
        + "http_server_config");
    if (root == null) {
      return new WebConfig(null, Map.of(), Map.of());
    }
    Tls tls = root.has("tls_server_config") ? tls(root.child("tls_server_config")) : null;
    Map<String, String> users = root.stringMap("basic_auth_users");
    for (Map.Entry<String, String> u : users.entrySet()) {
      if (!u.getValue().matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
        throw root.error("basic_auth_users", "the password of user \"" + u.getKey() + "\" is no bcrypt hash");
      }
    }
    Map<String, String> headers = Map.of();
    if (root.has("http_server_config")) {
      YamlNode server = root.child("http_server_config");
      server.bool("http2", true);
      headers = server.stringMap("headers");
      for (String h : headers.keySet()) {
        if (ALLOWED_HEADERS.stream().noneMatch(h::equalsIgnoreCase)) {
          throw server.error("headers", "setting header \"" + h + "\" is not allowed (allowed: "
              + String.join(", ", ALLOWED_HEADERS) + ")");
        }
      }
      server.finish();
    }
    root.finish();
    try {
      return new WebConfig(tls, users, headers);
    } catch (IllegalArgumentException e) {
      throw config.error(e.getMessage(), e);
    }
  }

  private static Tls tls(YamlNode n) {
    String cert = n.string("cert_file", "");
    String key = n.string("key_file", "");
    String clientAuthType = n.string("client_auth_type", "NoClientCert");
    ClientAuth clientAuth = switch (clientAuthType) {
      case "", "NoClientCert" -> ClientAuth.NONE;
      case "VerifyClientCertIfGiven" -> ClientAuth.VERIFY_IF_GIVEN;
      case "RequireAndVerifyClientCert" -> ClientAuth.REQUIRE_AND_VERIFY;
      case "RequestClientCert", "RequireAnyClientCert" -> throw n.error("client_auth_type", "\"" + clientAuthType
          + "\" (a client certificate that is not verified) is not supported; use VerifyClientCertIfGiven or "
          + "RequireAndVerifyClientCert with client_ca_file");
      default -> throw n.error("client_auth_type", "invalid ClientAuth \"" + clientAuthType + "\"");
    };
    String ca = n.string("client_ca_file", "");
    String min = switch (n.string("min_version", "TLS12")) {
      case "TLS10" -> "TLSv1";
      case "TLS11" -> "TLSv1.1";
      case "TLS12", "" -> "TLSv1.2";
      case "TLS13" -> "TLSv1.3";
      default -> throw n.error("min_version", "unknown TLS version \"" + n.string("min_version", "") + "\"");
    };
    n.strings("cipher_suites");
    n.strings("curve_preferences");
    n.bool("prefer_server_cipher_suites", true);
    n.finish();
    try {
      return new Tls(cert, key, clientAuth, ca, min);
    } catch (IllegalArgumentException e) {
      throw n.error("cert_file", e.getMessage());
    }
  }
}
