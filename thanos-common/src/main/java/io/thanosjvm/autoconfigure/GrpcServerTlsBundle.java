package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.InstantSource;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * The gRPC server's SSL bundle ({@code --grpc-server-tls-cert/-key/-client-ca}), registered for Spring gRPC's
 * server, whose key and trust managers re-read the PEM files when they change (looked at, at most once a second,
 * when a handshake starts), so a renewed certificate or CA is served without a restart. Spring gRPC takes the
 * bundle's managers once; these managers ({@link PemTlsManagers}) are what stays current. Invalid files at start-up
 * stop the start naming the flags.
 */
final class GrpcServerTlsBundle implements SslBundleRegistrar {

  private final Path cert;
  private final Path key;
  private final Path clientCa;
  private final InstantSource clock;

  /** The files of the flags ({@code clientCa} null without mutual TLS). */
  GrpcServerTlsBundle(Path cert, Path key, Path clientCa, InstantSource clock) {
    this.cert = cert;
    this.key = key;
    this.clientCa = clientCa;
    this.clock = clock;
  }

  @Override
  public void registerBundles(SslBundleRegistry registry) {
    try {
      KeyManager keys = PemTlsManagers.keyManager("gRPC server", cert, key, clock);
      TrustManager trust = clientCa == null ? PemTlsManagers.systemTrustManager()
          : PemTlsManagers.clientCaTrustManager("gRPC server", clientCa, clock);
      SslManagerBundle managers = SslManagerBundle.of(new FixedKeyManagerFactory(keys),
          new FixedTrustManagerFactory(trust));
      registry.registerBundle(ThanosEnvironmentPostProcessor.GRPC_SERVER_BUNDLE,
          SslBundle.of(null, null, null, SslBundle.DEFAULT_PROTOCOL, managers));
    } catch (Exception e) {
      throw new IllegalStateException("--" + FlagNames.GRPC_SERVER_TLS_CERT + "/--" + FlagNames.GRPC_SERVER_TLS_KEY
          + (clientCa == null ? "" : "/--" + FlagNames.GRPC_SERVER_TLS_CLIENT_CA) + ": " + e.getMessage(), e);
    }
  }

  /** A key manager factory that hands out one given key manager. */
  private static final class FixedKeyManagerFactory extends KeyManagerFactory {
    FixedKeyManagerFactory(KeyManager manager) {
      super(new KeyManagerFactorySpi() {
        @Override
        protected void engineInit(KeyStore ks, char[] password) {}

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {}

        @Override
        protected KeyManager[] engineGetKeyManagers() {
          return new KeyManager[] {manager};
        }
      }, null, "thanos-reloading");
    }
  }

  /** A trust manager factory that hands out one given trust manager. */
  private static final class FixedTrustManagerFactory extends TrustManagerFactory {
    FixedTrustManagerFactory(TrustManager manager) {
      super(new TrustManagerFactorySpi() {
        @Override
        protected void engineInit(KeyStore ks) {}

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {}

        @Override
        protected TrustManager[] engineGetTrustManagers() {
          return new TrustManager[] {manager};
        }
      }, null, "thanos-reloading");
    }
  }
}
