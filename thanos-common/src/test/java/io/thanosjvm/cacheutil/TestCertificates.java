package io.thanosjvm.cacheutil;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the {@code openssl} CLI for TLS tests: a CA, a server certificate for
 * {@code DNS:redis.test} only (so a client must name it, e.g. with {@code server_name}) and a client certificate
 * for mutual TLS, all P-256 keys in PKCS#8 PEM. A missing {@code openssl} fails with the install script's name.
 *
 * @param dir where the files are
 */
public record TestCertificates(Path dir) {

  /** The DNS name in the server certificate. */
  public static final String SERVER_NAME = "redis.test";

  /** Creates the CA and the two certificates under {@code dir}. */
  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    return create(dir, SERVER_NAME);
  }

  /** Creates the CA and the two certificates under {@code dir}, the server's for {@code DNS:serverName} only. */
  public static TestCertificates create(Path dir, String serverName) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    TestCertificates c = new TestCertificates(dir);
    String ec = "ec";
    String curve = "ec_paramgen_curve:prime256v1";
    c.openssl("req", "-x509", "-newkey", ec, "-pkeyopt", curve, "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=thanos-jvm test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    c.leaf("server", "/CN=" + serverName, "subjectAltName=DNS:" + serverName + "\nextendedKeyUsage=serverAuth\n");
    c.leaf("client", "/CN=thanos-jvm client", "extendedKeyUsage=clientAuth\n");
    return c;
  }

  private void leaf(String name, String subject, String extensions) throws IOException, InterruptedException {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key",
        "-out", name + ".csr", "-subj", subject);
    Files.writeString(dir.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + Files.readString(log));
    }
  }

  private static String binary() {
    for (String d : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin").split(
        File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "openssl"))) {
        return Path.of(d, "openssl").toString();
      }
    }
    throw new IllegalStateException("openssl is not installed: run .ci/install-redis.sh before the TLS cache tests");
  }

  /** The CA certificate (PEM). */
  public String ca() {
    return dir.resolve("ca.crt").toString();
  }

  /** The server certificate (PEM). */
  public String serverCert() {
    return dir.resolve("server.crt").toString();
  }

  /** The server key (PKCS#8 PEM). */
  public String serverKey() {
    return dir.resolve("server.key").toString();
  }

  /** The client certificate (PEM). */
  public String clientCert() {
    return dir.resolve("client.crt").toString();
  }

  /** The client key (PKCS#8 PEM). */
  public String clientKey() {
    return dir.resolve("client.key").toString();
  }
}
