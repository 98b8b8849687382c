package io.thanosjvm.objstore.config;

import java.util.Objects;

/**
 * A parsed objstore YAML.
 *
 * @param type the provider
 * @param config the provider's validated config section
 * @param prefix object name prefix with leading/trailing {@code /} trimmed, "" for none
 */
public record ObjstoreConfig(ProviderType type, ProviderConfig config, String prefix) {

  /** Validates the config. */
  public ObjstoreConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(prefix, "prefix");
  }
}
