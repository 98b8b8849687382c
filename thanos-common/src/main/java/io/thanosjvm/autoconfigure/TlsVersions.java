package io.thanosjvm.autoconfigure;

import java.util.List;

/** Thanos' TLS version flag values, {@code 1.0} to {@code 1.3}. */
final class TlsVersions {

  private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");

  private TlsVersions() {}

  /** Whether {@code v} is one of Thanos' values. */
  static boolean isValid(String v) {
    return VERSIONS.contains(v);
  }
}
