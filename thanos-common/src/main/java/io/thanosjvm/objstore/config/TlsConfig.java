package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.util.Objects;

/**
 * The {@code http_config.tls_config} block (Prometheus' TLS config).
 *
 * @param caFile CA certificate file to verify the server with, "" for the system trust store
 * @param certFile client certificate file for mutual TLS, ""
 * @param keyFile client key file, ""
 * @param serverName expected server name, "" for the host name
 * @param insecureSkipVerify skip verifying the server certificate
 */
public record TlsConfig(
    String caFile, String certFile, String keyFile, String serverName, boolean insecureSkipVerify) {

  /** Validates the block. */
  public TlsConfig {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(serverName, "serverName");
  }

  /** Reads the block from {@code node}. */
  static TlsConfig read(YamlNode node, boolean strict) {
    TlsConfig tls =
        new TlsConfig(
            node.string("ca_file", ""),
            node.string("cert_file", ""),
            node.string("key_file", ""),
            node.string("server_name", ""),
            node.bool("insecure_skip_verify", false));
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty()) {
      throw node.error(tls.certFile.isEmpty() ? "cert_file" : "key_file",
          "cert_file and key_file must be set together");
    }
    node.finish(strict);
    return tls;
  }
}
