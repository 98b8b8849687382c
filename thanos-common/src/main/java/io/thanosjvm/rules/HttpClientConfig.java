package io.thanosjvm.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The part of Thanos' {@code http_config} (in {@code --query.config} and {@code --alertmanagers.config}) the ruler
 * applies to its requests: basic auth (password inline or from a file, read at each request so rotation works),
 * a bearer token (inline or from a file) and a CA file to trust for {@code https}. Client certificates,
 * {@code server_name}, {@code insecure_skip_verify} and proxies are refused when the configuration is read.
 *
 * @param basicAuthUsername {@code basic_auth.username}, empty for none
 * @param basicAuthPassword {@code basic_auth.password}
 * @param basicAuthPasswordFile {@code basic_auth.password_file}
 * @param bearerToken {@code bearer_token}
 * @param bearerTokenFile {@code bearer_token_file}
 * @param caFile {@code tls_config.ca_file}, empty for the JVM's trust store
 */
public record HttpClientConfig(String basicAuthUsername, String basicAuthPassword, String basicAuthPasswordFile,
    String bearerToken, String bearerTokenFile, String caFile) {

  /** No authentication, the JVM's trust store. */
  public static final HttpClientConfig NONE = new HttpClientConfig("", "", "", "", "", "");

  /** Validates the combination, with Prometheus' messages. */
  public HttpClientConfig {
    Objects.requireNonNull(basicAuthUsername, "basicAuthUsername");
    Objects.requireNonNull(basicAuthPassword, "basicAuthPassword");
    Objects.requireNonNull(basicAuthPasswordFile, "basicAuthPasswordFile");
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
    Objects.requireNonNull(caFile, "caFile");
    if (!basicAuthPassword.isEmpty() && !basicAuthPasswordFile.isEmpty()) {
      throw new IllegalArgumentException("at most one of basic_auth password & password_file must be configured");
    }
    if (!bearerToken.isEmpty() && !bearerTokenFile.isEmpty()) {
      throw new IllegalArgumentException("at most one of bearer_token & bearer_token_file must be configured");
    }
    boolean basic = !basicAuthUsername.isEmpty() || !basicAuthPassword.isEmpty() || !basicAuthPasswordFile.isEmpty();
    if (basic && (!bearerToken.isEmpty() || !bearerTokenFile.isEmpty())) {
      throw new IllegalArgumentException("at most one of basic_auth, bearer_token & bearer_token_file must be "
          + "configured");
    }
  }

  /** The {@code Authorization} header value to send, if any (files read now). */
  public Optional<String> authorization() {
    if (!basicAuthUsername.isEmpty() || !basicAuthPassword.isEmpty() || !basicAuthPasswordFile.isEmpty()) {
      String password = basicAuthPasswordFile.isEmpty() ? basicAuthPassword : read(basicAuthPasswordFile);
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(
          (basicAuthUsername + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    if (!bearerToken.isEmpty()) {
      return Optional.of("Bearer " + bearerToken);
    }
    if (!bearerTokenFile.isEmpty()) {
      return Optional.of("Bearer " + read(bearerTokenFile));
    }
    return Optional.empty();
  }

  /** A client for this configuration: {@code shared} unless a CA file is given. */
  public HttpClient client(HttpClient shared) {
    if (caFile.isEmpty()) {
      return shared;
    }
    try (InputStream in = Files.newInputStream(Path.of(caFile))) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalArgumentException("tls_config.ca_file " + caFile + ": no certificate found");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(ssl).build();
    } catch (IOException e) {
      throw new UncheckedIOException("reading tls_config.ca_file " + caFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("tls_config.ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("unable to read " + file, e);
    }
  }
}
