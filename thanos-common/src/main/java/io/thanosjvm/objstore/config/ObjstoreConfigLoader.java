package io.thanosjvm.objstore.config;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.objstore.ObjectNames;
import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads an objstore YAML from {@code --objstore.config-file} or {@code --objstore.config}. Only the first
 * YAML document counts; the top level and the S3/GCS/AZURE sections are strict, FILESYSTEM is lenient.
 */
public final class ObjstoreConfigLoader {

  /** Source name used in errors for inline YAML. */
  public static final String INLINE_SOURCE = "--" + FlagNames.OBJSTORE_CONFIG;

  private ObjstoreConfigLoader() {}

  /** Loads the YAML file at {@code file}; errors name the file. */
  public static ObjstoreConfig fromFile(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidObjstoreConfigException("objstore config " + file + ": cannot read file: " + e, e);
    }
    return parse(yaml, file.toString());
  }

  /** Loads inline YAML as given to {@code --objstore.config}. */
  public static ObjstoreConfig fromString(String yaml) {
    return parse(yaml, INLINE_SOURCE);
  }

  /**
   * The objstore config given as a file path or inline YAML (Thanos' {@code --objstore.config-file} and {@code
   * --objstore.config}): the file when its path is set, else the inline YAML when set, else empty. The one place
   * every component resolves the pair.
   */
  public static Optional<ObjstoreConfig> resolve(String file, String inline) {
    if (file != null && !file.isEmpty()) {
      return Optional.of(fromFile(Path.of(file)));
    }
    if (inline != null && !inline.isEmpty()) {
      return Optional.of(fromString(inline));
    }
    return Optional.empty();
  }

  /** Parses {@code yaml}, naming {@code source} in every error. */
  public static ObjstoreConfig parse(String yaml, String source) {
    YamlNode top = new YamlConfig("objstore config " + source, InvalidObjstoreConfigException::new)
        .parse(yaml, "type, config and prefix");
    String typeName = top.requiredString("type");
    ProviderType type = ProviderType.parse(typeName);
    if (type == null) {
      throw top.error("type", "unknown object storage type \"" + typeName + "\"");
    }
    if (!type.supported()) {
      throw top.error("type", "object storage type " + type + " is not supported by this implementation");
    }
    YamlNode section = top.child("config");
    String prefix = ObjectNames.trimSlashes(top.string("prefix", ""));
    top.finish(true);
    ProviderConfig config =
        switch (type) {
          case S3 -> S3Config.read(section, true);
          case GCS -> GcsConfig.read(section, true);
          case AZURE -> AzureConfig.read(section, true);
          case FILESYSTEM -> FilesystemConfig.read(section);
          default -> throw new IllegalStateException("unreachable: " + type);
        };
    return new ObjstoreConfig(type, config, prefix);
  }
}
