package io.thanosjvm.cacheutil;

import java.util.Set;

/**
 * The {@code tls_config} section of a Redis client config, as Thanos reads it (used when {@code tls_enabled}).
 * Files are PEM: certificates, and the client key unencrypted in PKCS#8 ({@code BEGIN PRIVATE KEY}).
 *
 * @param caFile CA certificates the server certificate must chain to; empty = the JVM's default trust store
 *     ({@code ca_file})
 * @param certFile client certificate for mutual TLS, empty for none ({@code cert_file})
 * @param keyFile the client certificate's key, empty for none ({@code key_file})
 * @param serverName name sent as SNI and that the server certificate must carry, empty = the host of the address
 *     ({@code server_name})
 * @param insecureSkipVerify accept any server certificate ({@code insecure_skip_verify}, false)
 * @param minVersion lowest TLS version as Prometheus names them ({@code TLS10} .. {@code TLS13}),
 *     empty = the JVM's default ({@code min_version})
 */
public record RedisTlsConfig(String caFile, String certFile, String keyFile, String serverName,
    boolean insecureSkipVerify, String minVersion) {

  private static final Set<String> VERSIONS = Set.of("", "TLS10", "TLS11", "TLS12",
      "TLS13");

  /** No files, no server name, verification on. */
  public static final RedisTlsConfig NONE = new RedisTlsConfig("", "", "", "", false, "");

  /** Validates as Thanos does: a client certificate needs its key and a key its certificate. */
  public RedisTlsConfig {
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new IllegalArgumentException("both client key and certificate must be provided");
    }
    if (!VERSIONS.contains(minVersion)) {
      throw new IllegalArgumentException("unknown TLS version \"" + minVersion
          + "\" (TLS10, TLS11, TLS12 or TLS13)");
    }
  }

  /** The JSSE protocol names allowed by {@link #minVersion()}, empty when it is not set. */
  String[] protocols() {
    return switch (minVersion) {
      case "TLS10" -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};
      case "TLS11" -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1"};
      case "TLS12" -> new String[] {"TLSv1.3", "TLSv1.2"};
      case "TLS13" -> new String[] {"TLSv1.3"};
      default -> new String[0];
    };
  }
}
