package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.server.tls.FileReloadingValue;
import io.thanosjvm.server.tls.ReloadingKeyManager;
import io.thanosjvm.server.tls.ReloadingTrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The gRPC server's SSL bundle ({@code --grpc-server-tls-cert/-key/-client-ca}), registered for Spring gRPC's
 * server, whose key and trust managers re-read the PEM files when they change (looked at, at most once a second,
 * when a handshake starts), so a renewed certificate or CA is served without a restart. Spring gRPC takes the
 * bundle's managers once; these managers are what stays current. PEM parsing is Spring Boot's (PKCS#1, PKCS#8,
 * SEC1 keys). Invalid files at start-up stop the start naming the flags.
 */
final class GrpcServerTlsBundle implements SslBundleRegistrar {

  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

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
      KeyManager keys = new ReloadingKeyManager(new FileReloadingValue<>("gRPC server certificate",
          List.of(cert, key), this::loadKeyManager, clock, CHECK_EVERY));
      TrustManager trust = clientCa == null ? loadTrustManager() : new ReloadingTrustManager(
          new FileReloadingValue<>("gRPC client CA", List.of(clientCa), this::loadTrustManager, clock, CHECK_EVERY));
      SslManagerBundle managers = SslManagerBundle.of(new FixedKeyManagerFactory(keys),
          new FixedTrustManagerFactory(trust));
      registry.registerBundle(ThanosEnvironmentPostProcessor.GRPC_SERVER_BUNDLE,
          SslBundle.of(null, null, null, SslBundle.DEFAULT_PROTOCOL, managers));
    } catch (Exception e) {
      throw new IllegalStateException("--" + FlagNames.GRPC_SERVER_TLS_CERT + "/--" + FlagNames.GRPC_SERVER_TLS_KEY
          + (clientCa == null ? "" : "/--" + FlagNames.GRPC_SERVER_TLS_CLIENT_CA) + ": " + e.getMessage(), e);
    }
  }

  private X509ExtendedKeyManager loadKeyManager() throws Exception {
    PemSslStoreDetails details = PemSslStoreDetails.forCertificates(Files.readString(cert))
        .withPrivateKey(Files.readString(key));
    KeyStore store = new PemSslStoreBundle(details, null).getKeyStore();
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, null);
    return only(X509ExtendedKeyManager.class, f.getKeyManagers());
  }

  private X509ExtendedTrustManager loadTrustManager() throws Exception {
    KeyStore store = clientCa == null ? null
        : new PemSslStoreBundle(null, PemSslStoreDetails.forCertificates(Files.readString(clientCa))).getTrustStore();
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return only(X509ExtendedTrustManager.class, f.getTrustManagers());
  }

  private static <T> T only(Class<T> type, Object[] managers) {
    List<T> found = new ArrayList<>();
    for (Object m : managers) {
      if (type.isInstance(m)) {
        found.add(type.cast(m));
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException("expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
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
