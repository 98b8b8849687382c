package io.thanosjvm.discovery;

import java.util.Objects;

/**
 * One SRV answer.
 *
 * @param target the target host name (without the trailing dot)
 * @param port the port
 */
public record SrvRecord(String target, int port) {

  /** Validates the port. */
  public SrvRecord {
    Objects.requireNonNull(target, "target");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("SRV port out of range: " + port);
    }
  }
}
