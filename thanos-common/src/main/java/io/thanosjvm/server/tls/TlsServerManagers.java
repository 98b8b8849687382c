package io.thanosjvm.server.tls;

import java.util.Objects;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a TLS server listener needs: its key manager and, for mutual TLS, the trust manager client certificates must
 * pass (null: no client certificate asked for). Usually {@link ReloadingKeyManager}/{@link ReloadingTrustManager}.
 *
 * @param keys the server certificate and key
 * @param clientCa the client CA check, or null without mutual TLS
 */
public record TlsServerManagers(X509ExtendedKeyManager keys, X509ExtendedTrustManager clientCa) {

  /** Requires the key manager. */
  public TlsServerManagers {
    Objects.requireNonNull(keys, "keys");
  }

  /** Whether clients must present a certificate the client CA issued. */
  public boolean mutual() {
    return clientCa != null;
  }
}
