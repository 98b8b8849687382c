package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.config.BucketLookupType;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.tls.TrustManagers;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the SDK client an {@link S3Bucket} talks through, from an {@link S3Config}. */
final class S3ClientFactory {

  /** Region the SDK signs with when {@code region} is empty (S3-compatibles accept any). */
  static final String FALLBACK_REGION = "us-east-1";

  private S3ClientFactory() {}

  /** Creates the client; the caller closes it. */
  static S3Client create(S3Config config) {
    if (config.signatureVersion2()) {
      throw new IllegalArgumentException(
          "objstore S3: signature_version2 is not supported by this implementation (AWS SDK v2 signs with V4)");
    }
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1));
    if (config.traceEnable()) {
      override.addExecutionInterceptor(new TraceInterceptor());
    }
    return S3Client.builder()
        .endpointOverride(endpointUri(config))
        .region(Region.of(config.region().isEmpty() ? FALLBACK_REGION : config.region()))
        .forcePathStyle(usePathStyle(config))
        .credentialsProvider(credentials(config))
        .httpClient(httpClient(config.httpConfig()))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(override.build())
        .build();
  }

  /** {@code http://} when {@code insecure}, else {@code https://}, then the configured endpoint. */
  static URI endpointUri(S3Config config) {
    String endpoint = config.endpoint();
    if (endpoint.contains("://")) {
      throw new IllegalArgumentException(
          "objstore S3: endpoint must be host[:port] without scheme (use insecure: true for http): " + endpoint);
    }
    return URI.create((config.insecure() ? "http://" : "https://") + endpoint);
  }

  /** Path style for {@code path}, and for {@code auto} unless the endpoint is Amazon's. */
  static boolean usePathStyle(S3Config config) {
    BucketLookupType type = config.bucketLookupType();
    if (type == BucketLookupType.AUTO) {
      String host = config.endpoint().toLowerCase(Locale.ROOT);
      return !(host.endsWith("amazonaws.com") || host.contains(".amazonaws.com:"));
    }
    return type == BucketLookupType.PATH;
  }

  private static AwsCredentialsProvider credentials(S3Config config) {
    if (!config.hasStaticCredentials()) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (config.sessionToken().isEmpty()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(config.accessKey(), config.secretKey(), config.sessionToken()));
  }

  private static SdkHttpClient httpClient(HttpConfig http) {
    ApacheHttpClient.Builder builder =
        ApacheHttpClient.builder()
            .connectionTimeout(http.effectiveConnectTimeout())
            .socketTimeout(http.effectiveResponseTimeout())
            .connectionAcquisitionTimeout(http.effectiveResponseTimeout())
            .connectionMaxIdleTime(http.effectiveIdleTimeout())
            .maxConnections(http.effectiveMaxConnections())
            .expectContinueEnabled(false);
    if (http.skipVerify() || !http.tlsConfig().caFile().isEmpty()) {
      builder.tlsTrustManagersProvider(() -> TrustManagers.forConfig(http));
    }
    return builder.build();
  }
}
