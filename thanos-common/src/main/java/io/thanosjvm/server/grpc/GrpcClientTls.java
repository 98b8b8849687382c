package io.thanosjvm.server.grpc;

import io.thanosjvm.cli.FlagNames;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a component dials gRPC servers, as Thanos' {@code --grpc-client-tls-*} flags: plaintext, or TLS verifying the
 * server against a CA (the system's when none is given) or not at all, optionally presenting a client certificate
 * (mutual TLS) and naming the server to verify ({@code --grpc-client-server-name}).
 *
 * @param secure use TLS
 * @param skipVerify do not verify the server's certificate chain and name
 * @param certFile client certificate (PEM) for mutual TLS, "" for none
 * @param keyFile the client certificate's private key (PKCS#8 PEM), "" for none
 * @param caFile CA bundle (PEM) to verify servers with, "" for the system's
 * @param serverName the name to verify in the server's certificate, "" for the dialled host
 */
public record GrpcClientTls(boolean secure, boolean skipVerify, String certFile, String keyFile, String caFile,
    String serverName) {

  /** Plaintext, Thanos' default. */
  public static final GrpcClientTls PLAINTEXT = new GrpcClientTls(false, false, "", "", "", "");

  /** Validates the combination and that the named files are readable, so a mistake fails at start-up. */
  public GrpcClientTls {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(serverName, "serverName");
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new IllegalArgumentException("--" + FlagNames.GRPC_CLIENT_TLS_CERT + " and --" + FlagNames.GRPC_CLIENT_TLS_KEY
          + " go together");
    }
    if (!secure && !(certFile.isEmpty() && caFile.isEmpty() && serverName.isEmpty() && !skipVerify)) {
      throw new IllegalArgumentException("--grpc-client-tls-* and --" + FlagNames.GRPC_CLIENT_SERVER_NAME + " need --"
          + FlagNames.GRPC_CLIENT_TLS_SECURE);
    }
    for (String f : new String[] {certFile, keyFile, caFile}) {
      if (!f.isEmpty() && !Files.isReadable(Path.of(f))) {
        throw new IllegalArgumentException("TLS file " + f + " is not readable");
      }
    }
  }

  /** Sets plaintext or this TLS configuration on a channel builder. */
  public NettyChannelBuilder apply(NettyChannelBuilder builder) {
    if (!secure) {
      return builder.usePlaintext();
    }
    builder.useTransportSecurity().sslContext(sslContext());
    if (!serverName.isEmpty()) {
      builder.overrideAuthority(serverName);
    }
    return builder;
  }

  /** The Netty client context (read from the files each time, so a new channel sees renewed certificates). */
  public SslContext sslContext() {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (skipVerify) {
        b.trustManager(InsecureTrustManagerFactory.INSTANCE);
      } else if (!caFile.isEmpty()) {
        b.trustManager(new File(caFile));
      }
      if (!certFile.isEmpty()) {
        b.keyManager(new File(certFile), new File(keyFile));
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("gRPC client TLS: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("gRPC client TLS: " + e.getMessage(), e);
    }
  }
}
