package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.Flag;
import io.thanosjvm.server.HostPort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every component shares, under {@code thanos.*}: the flag groups logging, tracing, HTTP server and gRPC
 * server, each a nested type declared once and listed by every component that has it (see {@link ThanosComponents}).
 * Each {@link Flag} field is the one declaration of its flag.
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

  public Log getLog() {
    return log;
  }

  public Http getHttp() {
    return http;
  }

  public Grpc getGrpc() {
    return grpc;
  }

  public Tracing getTracing() {
    return tracing;
  }

  /** The logging flag group. */
  public static class Log {
    /** Log filtering level (error, warn, info, debug). */
    @Flag(name = "log.level")
    @Pattern(regexp = "error|warn|info|debug", message = "must be one of error, warn, info, debug")
    private String level = "info";

    /** Log format to use (logfmt, json). */
    @Flag(name = "log.format")
    @Pattern(regexp = "logfmt|json", message = "must be logfmt or json")
    private String format = "logfmt";

    public String getLevel() {
      return level;
    }

    public void setLevel(String level) {
      this.level = level;
    }

    public String getFormat() {
      return format;
    }

    public void setFormat(String format) {
      this.format = format;
    }
  }

  /** The HTTP server flag group. */
  public static class Http {
    /** Listen host:port for HTTP endpoints. */
    @Flag(name = FlagNames.HTTP_ADDRESS)
    private String address = "0.0.0.0:10902";

    /** Time to wait after an interrupt received for HTTP Server. */
    @Flag(name = "http-grace-period")
    private Duration gracePeriod = Duration.ofMinutes(2);

    /**
     * Path to a web configuration file (Prometheus exporter-toolkit format) with TLS, basic authentication and
     * response headers for every HTTP endpoint.
     */
    @Flag(name = FlagNames.HTTP_CONFIG)
    private String config = "";

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public Duration getGracePeriod() {
      return gracePeriod;
    }

    public void setGracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
    }

    public String getConfig() {
      return config;
    }

    public void setConfig(String config) {
      this.config = config;
    }

    /** Validation hook: the address must be host:port. */
    @AssertTrue(message = "thanos.http.address must be host:port, e.g. 0.0.0.0:10902")
    public boolean isAddressValid() {
      return ListenAddresses.isValid(address);
    }
  }

  /** The gRPC server flag group. */
  public static class Grpc {
    /** Listen host:port for gRPC endpoints. */
    @Flag(name = "grpc-address")
    private String address = "0.0.0.0:10901";

    /** Time to wait after an interrupt received for gRPC Server. */
    @Flag(name = "grpc-grace-period")
    private Duration gracePeriod = Duration.ofMinutes(2);

    /** The grpc server max connection age. */
    @Flag(name = "grpc-server-max-connection-age", defaultText = "60m")
    private Duration maxConnectionAge = Duration.ofMinutes(60);

    /** TLS certificate (PEM) for the gRPC server; with the key, the server speaks TLS only. */
    @Flag(name = FlagNames.GRPC_SERVER_TLS_CERT)
    private String serverTlsCert = "";

    /** Private key (PEM) of the gRPC server's TLS certificate. */
    @Flag(name = FlagNames.GRPC_SERVER_TLS_KEY)
    private String serverTlsKey = "";

    /** CA (PEM) that client certificates must chain to; when set, clients without one are refused (mutual TLS). */
    @Flag(name = FlagNames.GRPC_SERVER_TLS_CLIENT_CA)
    private String serverTlsClientCa = "";

    /** Lowest TLS version the gRPC server accepts: 1.0, 1.1, 1.2 or 1.3. */
    @Flag(name = FlagNames.GRPC_SERVER_TLS_MIN_VERSION)
    private String serverTlsMinVersion = "1.3";

    /** TLS cipher suites of the gRPC server (not supported yet: the JDK's defaults for the version apply). */
    @Flag(name = "grpc-server-tls-ciphers", notImplemented = true)
    private String serverTlsCiphers = "";

    /** TLS curves of the gRPC server (not supported yet: the JDK's defaults apply). */
    @Flag(name = "grpc-server-tls-curves", notImplemented = true)
    private String serverTlsCurves = "";

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public Duration getGracePeriod() {
      return gracePeriod;
    }

    public void setGracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
    }

    public Duration getMaxConnectionAge() {
      return maxConnectionAge;
    }

    public void setMaxConnectionAge(Duration maxConnectionAge) {
      this.maxConnectionAge = maxConnectionAge;
    }

    public String getServerTlsCert() {
      return serverTlsCert;
    }

    public void setServerTlsCert(String serverTlsCert) {
      this.serverTlsCert = serverTlsCert;
    }

    public String getServerTlsKey() {
      return serverTlsKey;
    }

    public void setServerTlsKey(String serverTlsKey) {
      this.serverTlsKey = serverTlsKey;
    }

    public String getServerTlsClientCa() {
      return serverTlsClientCa;
    }

    public void setServerTlsClientCa(String serverTlsClientCa) {
      this.serverTlsClientCa = serverTlsClientCa;
    }

    public String getServerTlsMinVersion() {
      return serverTlsMinVersion;
    }

    /** Validation hook: certificate and key go together, a client CA needs them, the version is Thanos'. */
    @AssertTrue(message = "thanos.grpc: --" + FlagNames.GRPC_SERVER_TLS_CERT + " and --" + FlagNames.GRPC_SERVER_TLS_KEY
        + " go together, --" + FlagNames.GRPC_SERVER_TLS_CLIENT_CA + " needs them, and --"
        + FlagNames.GRPC_SERVER_TLS_MIN_VERSION + " is one of 1.0, 1.1, 1.2, 1.3")
    public boolean isServerTlsValid() {
      boolean pair = serverTlsCert.isEmpty() == serverTlsKey.isEmpty();
      boolean ca = serverTlsClientCa.isEmpty() || !serverTlsCert.isEmpty();
      return pair && ca && TlsVersions.isValid(serverTlsMinVersion);
    }

    public void setServerTlsMinVersion(String serverTlsMinVersion) {
      this.serverTlsMinVersion = serverTlsMinVersion;
    }

    public String getServerTlsCiphers() {
      return serverTlsCiphers;
    }

    public void setServerTlsCiphers(String serverTlsCiphers) {
      this.serverTlsCiphers = serverTlsCiphers;
    }

    public String getServerTlsCurves() {
      return serverTlsCurves;
    }

    public void setServerTlsCurves(String serverTlsCurves) {
      this.serverTlsCurves = serverTlsCurves;
    }

    /** Validation hook: the address must be host:port. */
    @AssertTrue(message = "thanos.grpc.address must be host:port, e.g. 0.0.0.0:10901")
    public boolean isAddressValid() {
      return ListenAddresses.isValid(address);
    }
  }

  /** The tracing flag group. */
  public static class Tracing {
    /** Path to a tracing configuration file. Tracing is not implemented yet: a warning is logged. */
    @Flag(name = "tracing.config-file")
    private String configFile = "";

    /** Inline tracing configuration. Tracing is not implemented yet: a warning is logged. */
    @Flag(name = "tracing.config")
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
