package io.thanosjvm.autoconfigure;

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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Key and trust managers for a TLS server from PEM files (Spring Boot's PEM parsing: PKCS#1, PKCS#8 and SEC1 keys),
 * reloaded when the files change (looked at, at most once a second, as handshakes start). Used by the gRPC server
 * and receive's remote-write listener. A failure on the first load is thrown.
 */
final class PemTlsManagers {

  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private PemTlsManagers() {}

  /** A server key manager over {@code cert} (the chain) and {@code key}, following the files. */
  static X509ExtendedKeyManager keyManager(String what, Path cert, Path key, InstantSource clock) throws Exception {
    return new ReloadingKeyManager(new FileReloadingValue<>(what + " certificate", List.of(cert, key),
        () -> loadKeyManager(cert, key), clock, CHECK_EVERY));
  }

  /** A trust manager for client certificates issued by the CA(s) in {@code ca}, following the file. */
  static X509ExtendedTrustManager clientCaTrustManager(String what, Path ca, InstantSource clock) throws Exception {
    return new ReloadingTrustManager(new FileReloadingValue<>(what + " client CA", List.of(ca),
        () -> loadTrustManager(ca), clock, CHECK_EVERY));
  }

  /** The JDK's default trust manager (the system CAs): for servers that do not ask for client certificates. */
  static X509ExtendedTrustManager systemTrustManager() throws Exception {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    return only(X509ExtendedTrustManager.class, f.getTrustManagers());
  }

  private static X509ExtendedKeyManager loadKeyManager(Path cert, Path key) throws Exception {
    PemSslStoreDetails details = PemSslStoreDetails.forCertificates(Files.readString(cert))
        .withPrivateKey(Files.readString(key));
    KeyStore store = new PemSslStoreBundle(details, null).getKeyStore();
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, null);
    return only(X509ExtendedKeyManager.class, f.getKeyManagers());
  }

  private static X509ExtendedTrustManager loadTrustManager(Path ca) throws Exception {
    KeyStore store = new PemSslStoreBundle(null, PemSslStoreDetails.forCertificates(Files.readString(ca)))
        .getTrustStore();
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
}
