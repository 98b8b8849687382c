package io.thanosjvm.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of {@code thanos demo} (store gateway + query over generated data), under {@code thanos.demo.*}. */
@ConfigurationProperties("thanos.demo")
public class ThanosDemoProperties {

  /**
   * Directory of the demo's filesystem bucket (generated on the first run, reused afterwards) and index-headers.
   * Flag {@code --data-dir}.
   */
  private String dataDir = "./data/demo";

  /** The demo's data directory. */
  public String getDataDir() {
    return dataDir;
  }

  /** Sets the demo's data directory. */
  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }
}
