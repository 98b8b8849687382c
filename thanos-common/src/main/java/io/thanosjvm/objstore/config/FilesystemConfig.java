package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;

/**
 * FILESYSTEM provider config. Parsed leniently, as Thanos does: unknown keys are ignored.
 *
 * @param directory root directory of the bucket
 */
public record FilesystemConfig(String directory) implements ProviderConfig {

  /** Validates the config. */
  public FilesystemConfig {
    if (directory == null || directory.isEmpty()) {
      throw new IllegalArgumentException("directory must not be empty");
    }
  }

  /** Reads the section. */
  static FilesystemConfig read(YamlNode node) {
    FilesystemConfig config = new FilesystemConfig(node.requiredString("directory"));
    node.finish(false);
    return config;
  }
}
