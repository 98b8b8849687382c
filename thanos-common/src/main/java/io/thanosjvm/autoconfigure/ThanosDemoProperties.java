package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of {@code thanos demo} (store gateway + query over generated data), under {@code thanos.demo.*}. */
@ConfigurationProperties("thanos.demo")
@Validated
public class ThanosDemoProperties {

  /** Directory of the demo bucket (generated on the first run, reused afterwards) and index-headers. */
  @Flag(name = FlagNames.DATA_DIR)
  private String dataDir = "./data/demo";

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }
}
