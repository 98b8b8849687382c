package io.thanosjvm.objstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.config.S3Config;
import org.junit.jupiter.api.Test;

/** How S3 YAML settings map onto the SDK client: scheme, addressing style, unsupported options. */
class S3ClientFactoryTest {

  private static S3Config s3(String extra) {
    return (S3Config) ObjstoreConfigLoader.fromString(
        "type: S3\nconfig:\n  bucket: b\n" + extra).config();
  }

  @Test
  void insecureSelectsPlainHttp() {
    assertThat(S3ClientFactory.endpointUri(s3("  endpoint: minio:9000\n  insecure: true")))
        .hasToString("http://minio:9000");
    assertThat(S3ClientFactory.endpointUri(s3("  endpoint: s3.eu-west-1.amazonaws.com")))
        .hasToString("https://s3.eu-west-1.amazonaws.com");
  }

  @Test
  void endpointWithSchemeIsRejected() {
    assertThatThrownBy(() -> S3ClientFactory.endpointUri(s3("  endpoint: http://minio:9000")))
        .hasMessageContaining("without scheme");
  }

  @Test
  void autoLookupUsesVirtualHostsOnAwsAndPathsElsewhere() {
    assertThat(S3ClientFactory.usePathStyle(s3("  endpoint: s3.eu-west-1.amazonaws.com"))).isFalse();
    assertThat(S3ClientFactory.usePathStyle(s3("  endpoint: minio:9000"))).isTrue();
    assertThat(S3ClientFactory.usePathStyle(s3("  endpoint: minio:9000\n  bucket_lookup_type: virtual-hosted")))
        .isFalse();
    assertThat(S3ClientFactory.usePathStyle(s3("  endpoint: s3.amazonaws.com\n  bucket_lookup_type: path")))
        .isTrue();
  }

  @Test
  void signatureVersion2IsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> S3ClientFactory.create(s3("  endpoint: e:1\n  signature_version2: true")))
        .hasMessageContaining("signature_version2");
  }

  @Test
  void requestsWithABodyGetAnAttemptBoundGrowingWithTheBody() {
    S3Timeouts timeouts = new S3Timeouts(s3("  endpoint: e\n  http_config:\n    response_header_timeout: 30s")
        .httpConfig());
    assertThat(timeouts.attempt(0)).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(timeouts.attempt(64L << 20)).isEqualTo(java.time.Duration.ofSeconds(30 + 256));
  }

  @Test
  void partSizeZeroMeansTheLibraryDefault() {
    assertThat(s3("  endpoint: e\n  part_size: 0").effectivePartSize()).isEqualTo(128L << 20);
    assertThat(s3("  endpoint: e").effectivePartSize()).isEqualTo(64L << 20);
  }
}
