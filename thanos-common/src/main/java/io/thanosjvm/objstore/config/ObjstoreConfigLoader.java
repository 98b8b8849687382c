package io.thanosjvm.objstore.config;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.objstore.ObjectNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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

  /** Parses {@code yaml}, naming {@code source} in every error. */
  public static ObjstoreConfig parse(String yaml, String source) {
    ConfigNode top = new ConfigNode(source, "", firstDocument(yaml, source));
    String typeName = top.requiredString("type");
    ProviderType type = ProviderType.parse(typeName);
    if (type == null) {
      throw top.error("type", "unknown object storage type \"" + typeName + "\"");
    }
    if (!type.supported()) {
      throw top.error("type", "object storage type " + type + " is not supported by this implementation");
    }
    ConfigNode section = top.child("config");
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

  private static Map<?, ?> firstDocument(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml parser = new Yaml(new SafeConstructor(options));
    try {
      Iterator<Object> docs = parser.loadAll(yaml).iterator();
      Object first = docs.hasNext() ? docs.next() : null;
      if (first == null) {
        throw new InvalidObjstoreConfigException("objstore config " + source + ": empty configuration");
      }
      if (!(first instanceof Map<?, ?> map)) {
        throw new InvalidObjstoreConfigException(
            "objstore config " + source + ": expected a mapping with type, config and prefix");
      }
      return map;
    } catch (YAMLException e) {
      throw new InvalidObjstoreConfigException(
          "objstore config " + source + ": invalid YAML: " + e.getMessage(), e);
    }
  }
}
