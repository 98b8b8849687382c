package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.PeerProcess;
import io.thanosjvm.objstore.config.BucketLookupType;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.S3Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3 server for tests: S3Proxy 3.0.0 (jclouds {@code filesystem-nio2}) as a child process from the
 * {@code jar-with-dependencies} that the build copies to {@code target/peers/s3proxy.jar}.
 */
public final class S3ProxyServer implements AutoCloseable {

  /** Access key the server accepts. */
  public static final String ACCESS_KEY = "local-identity";
  /** Secret key the server accepts. */
  public static final String SECRET_KEY = "local-credential";

  private final PeerProcess process;

  private S3ProxyServer(PeerProcess process) {
    this.process = process;
  }

  /** Starts a server storing its data under {@code dataDir}. */
  public static S3ProxyServer start(Path dataDir) throws IOException, InterruptedException {
    Path jar = Path.of("target", "peers", "s3proxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("S3Proxy jar missing at " + jar
          + ": run the build through Maven (generate-test-resources copies org.gaul:s3proxy:3.0.0 there)");
    }
    int port = PeerProcess.freePort();
    Path basedir = Files.createDirectories(dataDir.resolve("blobs"));
    Path properties = dataDir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem-nio2",
        "jclouds.filesystem.basedir=" + basedir,
        ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    PeerProcess process = PeerProcess.start("S3Proxy",
        List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
            "--properties", properties.toString()),
        port, Path.of("target", "peers", "s3proxy-" + port + ".log"), Duration.ofSeconds(90));
    return new S3ProxyServer(process);
  }

  /** Returns the {@code host:port} to use as objstore {@code endpoint}. */
  public String endpoint() {
    return "127.0.0.1:" + process.port();
  }

  /** Returns the port. */
  public int port() {
    return process.port();
  }

  /** A config for {@code bucket} at {@code endpoint} with the given part size, path style, plain HTTP. */
  public static S3Config config(String endpoint, String bucket, long partSize, HttpConfig http, int maxRetries) {
    return new S3Config(bucket, endpoint, "", false, false, ACCESS_KEY, SECRET_KEY, "", true, false,
        Map.of(), http, false, "", BucketLookupType.PATH, true, false, partSize, null, "", maxRetries);
  }

  /** Creates {@code bucket} on the server. */
  public void createBucket(String bucket) {
    S3Config config = config(endpoint(), bucket, S3Config.MIN_PART_SIZE, HttpConfig.defaults(), 0);
    try (var client = S3ClientFactory.create(config)) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
