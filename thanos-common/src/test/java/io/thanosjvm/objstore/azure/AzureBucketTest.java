package io.thanosjvm.objstore.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketCompatibilityKit;
import io.thanosjvm.objstore.config.AzureConfig;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the compatibility kit against Azurite (real Azure Blob REST API, in-memory), configured through
 * an objstore YAML with {@code storage_connection_string}; uploads above 3 MiB go up as staged blocks.
 */
class AzureBucketTest extends BucketCompatibilityKit {

  private static final AtomicInteger CONTAINERS = new AtomicInteger();
  private static AzuriteServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = AzuriteServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static AzureConfig config(String container) {
    ObjstoreConfig parsed = ObjstoreConfigLoader.fromString(String.join("\n",
        "type: AZURE",
        "config:",
        "  storage_account: " + AzuriteServer.ACCOUNT,
        "  storage_connection_string: \"" + server.connectionString() + "\"",
        "  container: " + container,
        "  storage_create_container: true",
        "  http_config:",
        "    response_header_timeout: 30s"));
    return (AzureConfig) parsed.config();
  }

  @Override
  protected Bucket newEmptyBucket() throws Exception {
    return AzureBucket.create(config("kit-" + CONTAINERS.incrementAndGet()));
  }

  @Test
  void containerIsCreatedWhenMissingAndNamesTheBucket() throws Exception {
    try (Bucket bucket = AzureBucket.create(config("fresh-container"))) {
      assertThat(bucket.name()).isEqualTo("fresh-container");
      put(bucket, "obj", "x");
      assertThat(bucket.exists("obj")).isTrue();
    }
  }
}
