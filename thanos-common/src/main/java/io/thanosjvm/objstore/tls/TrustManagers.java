package io.thanosjvm.objstore.tls;

import io.thanosjvm.objstore.config.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust managers for {@code insecure_skip_verify} (trust everything) and {@code tls_config.ca_file}
 * (trust the PEM certificates in the file).
 */
public final class TrustManagers {

  private TrustManagers() {}

  /** Returns the trust managers {@code http} asks for. */
  public static TrustManager[] forConfig(HttpConfig http) {
    if (http.skipVerify()) {
      return new TrustManager[] {new TrustAll()};
    }
    return fromCaFile(Path.of(http.tlsConfig().caFile()));
  }

  /** Trust managers that accept servers signed by the certificates in a PEM file. */
  public static TrustManager[] fromCaFile(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tls_config.ca_file " + caFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid certificates in tls_config.ca_file " + caFile, e);
    }
  }

  /** Accepts every certificate: only for {@code insecure_skip_verify: true}. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
