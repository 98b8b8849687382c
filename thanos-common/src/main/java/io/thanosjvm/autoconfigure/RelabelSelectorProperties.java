package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.RelabelConfigParser;
import jakarta.validation.constraints.AssertTrue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The block selector flag group ({@code --selector.relabel-config-file}, {@code --selector.relabel-config}): relabel
 * rules over block external labels (and {@code __block_id}) choosing the blocks a component owns. Declared once,
 * nested as {@code thanos.<component>.selector.*}.
 */
public class RelabelSelectorProperties {

  /**
   * Path to YAML file with relabeling configuration that allows selecting blocks. It follows native Prometheus
   * relabel-config syntax.
   */
  @Flag(name = FlagNames.SELECTOR_RELABEL_CONFIG_FILE)
  private String relabelConfigFile = "";

  /**
   * Alternative to 'selector.relabel-config-file' flag (mutually exclusive). Content of YAML file with relabeling
   * configuration that allows selecting blocks. It follows native Prometheus relabel-config syntax.
   */
  @Flag(name = FlagNames.SELECTOR_RELABEL_CONFIG)
  private String relabelConfig = "";

  public String getRelabelConfigFile() {
    return relabelConfigFile;
  }

  public void setRelabelConfigFile(String relabelConfigFile) {
    this.relabelConfigFile = relabelConfigFile;
  }

  public String getRelabelConfig() {
    return relabelConfig;
  }

  public void setRelabelConfig(String relabelConfig) {
    this.relabelConfig = relabelConfig;
  }

  /** The rules from the file, else the inline YAML, else none (every block). */
  public List<RelabelConfig> relabelConfigs() {
    try {
      if (!relabelConfigFile.isEmpty()) {
        return RelabelConfigParser.parse(Files.readString(Path.of(relabelConfigFile)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the selector relabel config " + relabelConfigFile, e);
    }
    return relabelConfig.isEmpty() ? List.of() : RelabelConfigParser.parse(relabelConfig);
  }

  /** Validation hook: at most one of the file and the inline rules. */
  @AssertTrue(message = "selector.relabel-config-file and selector.relabel-config are mutually exclusive")
  public boolean isUnambiguous() {
    return relabelConfigFile.isEmpty() || relabelConfig.isEmpty();
  }
}
