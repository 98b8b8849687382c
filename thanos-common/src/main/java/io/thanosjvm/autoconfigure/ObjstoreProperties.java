package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import jakarta.validation.constraints.AssertTrue;
import java.util.Optional;

/**
 * The object store flag group ({@code --objstore.config-file}, {@code --objstore.config}), declared once and nested
 * in every component that reads or writes a bucket (as {@code thanos.<component>.objstore.*}). It also resolves "file
 * or inline" once.
 */
public class ObjstoreProperties {

  /** Path to YAML file that contains object store configuration. */
  @Flag(name = FlagNames.OBJSTORE_CONFIG_FILE)
  private String configFile = "";

  /**
   * Alternative to 'objstore.config-file' flag (mutually exclusive). Content of YAML file that contains object
   * store configuration.
   */
  @Flag(name = FlagNames.OBJSTORE_CONFIG)
  private String config = "";

  public String getConfigFile() {
    return configFile;
  }

  public void setConfigFile(String configFile) {
    this.configFile = configFile;
  }

  public String getConfig() {
    return config;
  }

  public void setConfig(String config) {
    this.config = config;
  }

  /** Whether a bucket is configured. */
  public boolean isSet() {
    return !configFile.isEmpty() || !config.isEmpty();
  }

  /** The configuration from the file, else the inline YAML, else empty. */
  public Optional<ObjstoreConfig> load() {
    return ObjstoreConfigLoader.resolve(configFile, config);
  }

  /**
   * The configuration, which the component cannot run without.
   *
   * @param prefix the properties prefix, e.g. {@code thanos.store}, named in the error
   * @throws IllegalStateException naming the component, the flags and the properties when neither is set
   */
  public ObjstoreConfig require(String prefix) {
    String component = prefix.startsWith("thanos.") ? prefix.substring("thanos.".length()) : prefix;
    return load().orElseThrow(() -> new IllegalStateException("thanos " + component + " needs a bucket: set --"
        + FlagNames.OBJSTORE_CONFIG_FILE + " or --" + FlagNames.OBJSTORE_CONFIG + " (" + prefix
        + ".objstore.config-file / " + prefix + ".objstore.config)"));
  }

  /** Validation hook: at most one of the file and the inline configuration. */
  @AssertTrue(message = "the objstore flags (--" + FlagNames.OBJSTORE_CONFIG_FILE + ", --"
      + FlagNames.OBJSTORE_CONFIG + ") are exclusive")
  public boolean isUnambiguous() {
    return configFile.isEmpty() || config.isEmpty();
  }
}
