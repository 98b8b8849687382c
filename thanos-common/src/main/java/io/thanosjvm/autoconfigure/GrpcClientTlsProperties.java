package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.Flag;

/**
 * The gRPC client TLS flag group ({@code --grpc-client-tls-*}, {@code --grpc-client-server-name}), declared once and
 * nested in every component that dials StoreAPIs ({@code thanos.<component>.grpc-client-tls.*}); mapped onto
 * {@link io.thanosjvm.server.grpc.GrpcClientTls}, which checks the combination at start-up.
 */
public class GrpcClientTlsProperties {

  /** Dial gRPC servers over TLS. */
  @Flag(name = FlagNames.GRPC_CLIENT_TLS_SECURE)
  private boolean secure = false;

  /** Accept any server certificate (self-signed or from an unknown CA); for tests only. */
  @Flag(name = "grpc-client-tls-skip-verify")
  private boolean skipVerify = false;

  /** Client certificate (PEM) presented to servers that require mutual TLS. */
  @Flag(name = FlagNames.GRPC_CLIENT_TLS_CERT)
  private String certFile = "";

  /** Private key (PEM) of the client certificate. */
  @Flag(name = FlagNames.GRPC_CLIENT_TLS_KEY)
  private String keyFile = "";

  /** CA certificates (PEM) that server certificates must chain to; the system's when empty. */
  @Flag(name = "grpc-client-tls-ca")
  private String caFile = "";

  /** Name expected in the servers' certificates instead of the dialled host (RFC 4366 server name indication). */
  @Flag(name = FlagNames.GRPC_CLIENT_SERVER_NAME)
  private String serverName = "";

  public boolean isSecure() {
    return secure;
  }

  public void setSecure(boolean secure) {
    this.secure = secure;
  }

  public boolean isSkipVerify() {
    return skipVerify;
  }

  public void setSkipVerify(boolean skipVerify) {
    this.skipVerify = skipVerify;
  }

  public String getCertFile() {
    return certFile;
  }

  public void setCertFile(String certFile) {
    this.certFile = certFile;
  }

  public String getKeyFile() {
    return keyFile;
  }

  public void setKeyFile(String keyFile) {
    this.keyFile = keyFile;
  }

  public String getCaFile() {
    return caFile;
  }

  public void setCaFile(String caFile) {
    this.caFile = caFile;
  }

  public String getServerName() {
    return serverName;
  }

  public void setServerName(String serverName) {
    this.serverName = serverName;
  }
}
