package io.thanosjvm.server.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager over a {@link FileReloadingValue}: each handshake starts by choosing an alias, which is when
 * the files are looked at. The alias handed out carries the generation of the key manager it came from, so the
 * certificate chain and the private key of one handshake always come from the same files even if another handshake
 * reloads them in between.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private final FileReloadingValue<X509ExtendedKeyManager> source;
  private X509ExtendedKeyManager current;
  private X509ExtendedKeyManager previous;
  private long generation;

  /** Serves the key manager {@code source} holds. */
  public ReloadingKeyManager(FileReloadingValue<X509ExtendedKeyManager> source) {
    this.source = source;
    this.current = source.get();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    Generation g = refresh();
    return tag(g, g.manager().chooseEngineServerAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    Generation g = refresh();
    return tag(g, g.manager().chooseServerAlias(keyType, issuers, socket));
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return refresh().manager().getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Tagged t = untag(alias);
    return t == null ? null : t.manager().getCertificateChain(t.alias());
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Tagged t = untag(alias);
    return t == null ? null : t.manager().getPrivateKey(t.alias());
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private synchronized Generation refresh() {
    X509ExtendedKeyManager latest = source.get();
    if (latest != current) {
      previous = current;
      current = latest;
      generation++;
    }
    return new Generation(generation, current);
  }

  private static String tag(Generation g, String alias) {
    return alias == null ? null : g.number() + ":" + alias;
  }

  private synchronized Tagged untag(String alias) {
    int colon = alias == null ? -1 : alias.indexOf(':');
    if (colon < 0) {
      return null;
    }
    long g = Long.parseLong(alias.substring(0, colon));
    X509ExtendedKeyManager m = g == generation ? current : g == generation - 1 ? previous : null;
    return m == null ? null : new Tagged(m, alias.substring(colon + 1));
  }

  private record Generation(long number, X509ExtendedKeyManager manager) {}

  private record Tagged(X509ExtendedKeyManager manager, String alias) {}
}
