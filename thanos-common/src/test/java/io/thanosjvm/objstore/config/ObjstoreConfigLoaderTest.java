package io.thanosjvm.objstore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objstore YAML written for real Thanos loads unchanged; bad keys are reported by name and source. */
class ObjstoreConfigLoaderTest {

  @TempDir Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ObjstoreConfigLoaderTest.class.getResource("/objstore/" + name).toURI());
  }

  @Test
  void thanosS3ExampleLoadsWithEveryKey() throws Exception {
    ObjstoreConfig config = ObjstoreConfigLoader.fromFile(resource("s3.yaml"));
    assertThat(config.type()).isEqualTo(ProviderType.S3);
    assertThat(config.prefix()).isEqualTo("cluster-a");
    S3Config s3 = (S3Config) config.config();
    assertThat(s3.bucket()).isEqualTo("thanos-blocks");
    assertThat(s3.endpoint()).isEqualTo("s3.eu-west-1.amazonaws.com");
    assertThat(s3.partSize()).isEqualTo(64L << 20);
    assertThat(s3.bucketLookupType()).isEqualTo(BucketLookupType.AUTO);
    assertThat(s3.putUserMetadata()).containsEntry("X-Amz-Storage-Class", "STANDARD_IA");
    assertThat(s3.httpConfig().idleConnTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s3.httpConfig().responseHeaderTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s3.sseConfig().type()).isEqualTo(SseConfig.SSE_KMS);
    assertThat(s3.sseConfig().kmsEncryptionContext()).isEqualTo(Map.of("team", "observability"));
    assertThat(s3.sendContentMd5()).isTrue();
  }

  @Test
  void thanosGcsExampleLoadsWithInlineServiceAccount() throws Exception {
    GcsConfig gcs = (GcsConfig) ObjstoreConfigLoader.fromFile(resource("gcs.yaml")).config();
    assertThat(gcs.bucket()).isEqualTo("thanos");
    assertThat(gcs.serviceAccount()).contains("\"type\": \"service_account\"");
    assertThat(gcs.httpConfig().responseHeaderTimeout()).isZero();
    assertThat(gcs.httpConfig().effectiveResponseTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void thanosAzureExampleLoads() throws Exception {
    AzureConfig azure = (AzureConfig) ObjstoreConfigLoader.fromFile(resource("azure.yaml")).config();
    assertThat(azure.storageAccount()).isEqualTo("thanosstorage");
    assertThat(azure.container()).isEqualTo("metrics");
    assertThat(azure.storageCreateContainer()).isTrue();
    assertThat(azure.effectiveMaxTries()).isEqualTo(3);
    assertThat(azure.serviceUrl()).isEqualTo("https://thanosstorage.blob.core.windows.net");
  }

  @Test
  void thanosFilesystemExampleLoads() throws Exception {
    ObjstoreConfig config = ObjstoreConfigLoader.fromFile(resource("filesystem.yaml"));
    assertThat(config.config()).isEqualTo(new FilesystemConfig("/var/thanos/bucket"));
    assertThat(config.prefix()).isEmpty();
  }

  @Test
  void typeIsCaseInsensitive() {
    assertThat(ObjstoreConfigLoader.fromString("type: filesystem\nconfig:\n  directory: /tmp/x").type())
        .isEqualTo(ProviderType.FILESYSTEM);
    assertThat(ObjstoreConfigLoader.fromString("type: s3\nconfig:\n  bucket: b\n  endpoint: e:9000").type())
        .isEqualTo(ProviderType.S3);
  }

  @Test
  void prefixIsTrimmedOfSlashes() {
    String yaml = "type: FILESYSTEM\nconfig:\n  directory: /d\nprefix: ";
    assertThat(ObjstoreConfigLoader.fromString(yaml + "\"//a/b//\"").prefix()).isEqualTo("a/b");
    assertThat(ObjstoreConfigLoader.fromString(yaml + "\"///\"").prefix()).isEmpty();
  }

  @Test
  void unknownKeyInAFileNamesTheKeyAndTheFile() throws Exception {
    Path file = dir.resolve("bucket.yml");
    Files.writeString(file, "type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  secret_keyy: x\n");
    assertThatThrownBy(() -> ObjstoreConfigLoader.fromFile(file))
        .isInstanceOf(InvalidObjstoreConfigException.class)
        .hasMessageContaining("config.secret_keyy")
        .hasMessageContaining(file.toString());
  }

  @Test
  void unknownKeysAreRejectedAtEveryStrictLevel() {
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\nprefixx: p", "prefixx");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  http_config:\n    idle_timeout: 1s",
        "config.http_config.idle_timeout");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  http_config:\n    tls_config:\n"
        + "      ca: x", "config.http_config.tls_config.ca");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  trace:\n    enabled: true",
        "config.trace.enabled");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  sse_config:\n    kind: SSE-S3",
        "config.sse_config.kind");
    assertRejected("type: GCS\nconfig:\n  bucket: b\n  project: p", "config.project");
    assertRejected("type: AZURE\nconfig:\n  storage_account: a\n  container: c\n  account_key: k",
        "config.account_key");
    assertRejected("type: AZURE\nconfig:\n  storage_account: a\n  container: c\n  pipeline_config:\n"
        + "    tries: 3", "config.pipeline_config.tries");
  }

  @Test
  void missingRequiredKeysAreNamed() {
    assertRejected("config:\n  directory: /d", "'type'");
    assertRejected("type: S3\nconfig:\n  bucket: b", "config.endpoint");
    assertRejected("type: S3\nconfig:\n  endpoint: e", "config.bucket");
    assertRejected("type: GCS\nconfig:\n  service_account: ''", "config.bucket");
    assertRejected("type: AZURE\nconfig:\n  container: c", "config.storage_account");
    assertRejected("type: AZURE\nconfig:\n  storage_account: a", "config.container");
    assertRejected("type: FILESYSTEM\nconfig: {}", "config.directory");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  sse_config:\n    type: SSE-KMS",
        "config.sse_config.kms_key_id");
  }

  @Test
  void filesystemIsLenientAboutUnknownKeys() {
    ObjstoreConfig config = ObjstoreConfigLoader.fromString("type: FILESYSTEM\nconfig:\n  directory: /d\n  foo: 1");
    assertThat(config.config()).isEqualTo(new FilesystemConfig("/d"));
  }

  @Test
  void invalidValuesAreRejectedWithTheKey() {
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  http_config:\n"
        + "    idle_conn_timeout: 90 seconds", "config.http_config.idle_conn_timeout");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  bucket_lookup_type: dns",
        "config.bucket_lookup_type");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  access_key: a", "config.secret_key");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  part_size: 1024", "config.part_size");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  insecure: yes please", "config.insecure");
    assertRejected("type: S3\nconfig:\n  bucket: b\n  endpoint: e\n  sse_config:\n    type: AES",
        "config.sse_config.type");
    assertRejected("type: AZURE\nconfig:\n  storage_account: a\n  container: c\n  user_assigned_id: u\n"
        + "  storage_account_key: k", "config.user_assigned_id");
    assertRejected("type: NOPE\nconfig: {}", "'type'");
    assertRejected("type: SWIFT\nconfig: {}", "not supported");
  }

  @Test
  void inlineConfigIsNamedAsTheFlag() {
    assertThatThrownBy(() -> ObjstoreConfigLoader.fromString("type: S3\nconfig:\n  bucket: b"))
        .hasMessageContaining("--objstore.config");
  }

  @Test
  void onlyTheFirstDocumentCounts() {
    ObjstoreConfig config = ObjstoreConfigLoader.fromString(
        "type: FILESYSTEM\nconfig:\n  directory: /first\n---\ntype: S3\nunknown: true\n");
    assertThat(config.config()).isEqualTo(new FilesystemConfig("/first"));
  }

  @Test
  void malformedYamlAndDuplicateKeysAreErrors() {
    assertRejected("type: S3\nconfig: [", "invalid YAML");
    assertRejected("type: S3\ntype: GCS\nconfig: {}", "invalid YAML");
    assertRejected("", "empty");
  }

  private static void assertRejected(String yaml, String expectedInMessage) {
    assertThatThrownBy(() -> ObjstoreConfigLoader.fromString(yaml))
        .isInstanceOf(InvalidObjstoreConfigException.class)
        .hasMessageContaining(expectedInMessage);
  }
}
