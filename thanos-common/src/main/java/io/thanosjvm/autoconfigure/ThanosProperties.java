package io.thanosjvm.autoconfigure;

import io.thanosjvm.server.HostPort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every component shares, under {@code thanos.*}. Thanos' flags map here through
 * {@link io.thanosjvm.cli.FlagTable}; e.g. {@code --http-address} sets {@code thanos.http.address}.
 */
@ConfigurationProperties("thanos")
@Validated
public class ThanosProperties {

  /** Logging. */
  @Valid
  private final Log log = new Log();

  /** The HTTP server (Prometheus API, UI, probes, metrics). */
  @Valid
  private final Http http = new Http();

  /** The gRPC server (StoreAPI, Info, health). */
  @Valid
  private final Grpc grpc = new Grpc();

  /** Tracing (accepted for compatibility; not implemented yet). */
  private final Tracing tracing = new Tracing();

  /** Logging settings. */
  public Log getLog() {
    return log;
  }

  /** HTTP server settings. */
  public Http getHttp() {
    return http;
  }

  /** gRPC server settings. */
  public Grpc getGrpc() {
    return grpc;
  }

  /** Tracing settings. */
  public Tracing getTracing() {
    return tracing;
  }

  /** {@code --log.level} and {@code --log.format}. */
  public static class Log {
    /** Log filtering level: error, warn, info or debug. */
    @Pattern(regexp = "error|warn|info|debug", message = "must be one of error, warn, info, debug")
    private String level = "info";

    /** Log format: logfmt or json. */
    @Pattern(regexp = "logfmt|json", message = "must be logfmt or json")
    private String format = "logfmt";

    /** The level. */
    public String getLevel() {
      return level;
    }

    /** Sets the level. */
    public void setLevel(String level) {
      this.level = level;
    }

    /** The format. */
    public String getFormat() {
      return format;
    }

    /** Sets the format. */
    public void setFormat(String format) {
      this.format = format;
    }
  }

  /** {@code --http-address} and {@code --http-grace-period}. */
  public static class Http {
    /** Listen host:port for HTTP endpoints. */
    private String address = "0.0.0.0:10902";

    /** Time to wait after an interrupt for in-flight HTTP requests. */
    private Duration gracePeriod = Duration.ofMinutes(2);

    /** The address. */
    public String getAddress() {
      return address;
    }

    /** Sets the address. */
    public void setAddress(String address) {
      this.address = address;
    }

    /** The grace period. */
    public Duration getGracePeriod() {
      return gracePeriod;
    }

    /** Sets the grace period. */
    public void setGracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
    }

    /** Validation hook: the address must be host:port. */
    @AssertTrue(message = "thanos.http.address must be host:port, e.g. 0.0.0.0:10902")
    public boolean isAddressValid() {
      return ListenAddresses.isValid(address);
    }
  }

  /** {@code --grpc-address}, {@code --grpc-grace-period}, {@code --grpc-server-max-connection-age}. */
  public static class Grpc {
    /** Listen host:port for gRPC endpoints. */
    private String address = "0.0.0.0:10901";

    /** Time to wait after an interrupt for in-flight gRPC calls. */
    private Duration gracePeriod = Duration.ofMinutes(2);

    /** Connections older than this are gracefully closed by the server. */
    private Duration maxConnectionAge = Duration.ofMinutes(60);

    /** The address. */
    public String getAddress() {
      return address;
    }

    /** Sets the address. */
    public void setAddress(String address) {
      this.address = address;
    }

    /** The grace period. */
    public Duration getGracePeriod() {
      return gracePeriod;
    }

    /** Sets the grace period. */
    public void setGracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
    }

    /** The maximum connection age. */
    public Duration getMaxConnectionAge() {
      return maxConnectionAge;
    }

    /** Sets the maximum connection age. */
    public void setMaxConnectionAge(Duration maxConnectionAge) {
      this.maxConnectionAge = maxConnectionAge;
    }

    /** Validation hook: the address must be host:port. */
    @AssertTrue(message = "thanos.grpc.address must be host:port, e.g. 0.0.0.0:10901")
    public boolean isAddressValid() {
      return ListenAddresses.isValid(address);
    }
  }

  /** {@code --tracing.config-file} and {@code --tracing.config}. */
  public static class Tracing {
    /** Path to a tracing configuration file (ignored with a warning: tracing is not implemented yet). */
    private String configFile = "";

    /** Inline tracing configuration (ignored with a warning: tracing is not implemented yet). */
    private String config = "";

    /** The file. */
    public String getConfigFile() {
      return configFile;
    }

    /** Sets the file. */
    public void setConfigFile(String configFile) {
      this.configFile = configFile;
    }

    /** The inline configuration. */
    public String getConfig() {
      return config;
    }

    /** Sets the inline configuration. */
    public void setConfig(String config) {
      this.config = config;
    }
  }

  /** Address parsing shared by validation and the environment mapping. */
  static final class ListenAddresses {
    private ListenAddresses() {}

    static boolean isValid(String address) {
      try {
        HostPort.parse(address);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
