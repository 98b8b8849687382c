package io.thanosjvm.objstore.azure;

import io.thanosjvm.objstore.PeerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Azure Blob endpoint for tests: Azurite 3.35.0 ({@code azurite-blob}, installed by
 * {@code .ci/install-azurite.sh}) as a child process on 127.0.0.1, in-memory.
 */
public final class AzuriteServer implements AutoCloseable {

  /** Azurite's well-known development account. */
  public static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's well-known development account key. */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final PeerProcess process;

  private AzuriteServer(PeerProcess process) {
    this.process = process;
  }

  /** Starts Azurite, failing with a message naming the install script when it is missing. */
  public static AzuriteServer start() throws IOException, InterruptedException {
    String executable = findOnPath("azurite-blob");
    if (executable == null) {
      throw new IllegalStateException("azurite-blob is not installed: run .ci/install-azurite.sh "
          + "(npm install -g azurite@3.35.0) before the objstore tests");
    }
    int port = PeerProcess.freePort();
    Path workDir = Files.createTempDirectory("azurite");
    PeerProcess process = PeerProcess.start("Azurite",
        List.of(executable, "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent"),
        workDir, port, Path.of("target", "peers", "azurite-" + port + ".log").toAbsolutePath(),
        Duration.ofSeconds(60));
    return new AzuriteServer(process);
  }

  private static String findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** Returns the connection string for the development account. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
        + ";BlobEndpoint=http://127.0.0.1:" + process.port() + "/" + ACCOUNT + ";";
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
