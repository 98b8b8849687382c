package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import jakarta.validation.constraints.AssertTrue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object store flag group ({@code --objstore.config-file}, {@code --objstore.config}), declared once and nested
 * in every component that reads or writes a bucket (as {@code thanos.<component>.objstore.*}). It also resolves "file
 * or inline" once.
 */
public class ObjstoreProperties {

  /** A Spring placeholder left unresolved, e.g. by a profile naming an environment variable that is not set. */
  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

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

  /**
   * The configuration from the file, else the inline YAML, else empty.
   *
   * @throws IllegalStateException when the inline YAML still holds a placeholder (a profile's bucket from the
   *     environment, e.g. {@code ${THANOS_S3_BUCKET}}, without that variable set)
   */
  public Optional<ObjstoreConfig> load() {
    Matcher m = UNRESOLVED.matcher(config);
    if (m.find()) {
      throw new IllegalStateException("the objstore configuration needs " + m.group(1) + " (unresolved "
          + m.group() + " in --" + FlagNames.OBJSTORE_CONFIG + "; a profile takes the bucket from the environment: set "
          + m.group(1) + ")");
    }
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
