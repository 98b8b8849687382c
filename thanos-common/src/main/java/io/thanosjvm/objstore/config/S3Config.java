package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.util.Map;
import java.util.Objects;

/**
 * S3 provider config: every key Thanos' S3 client accepts.
 *
 * @param bucket bucket name (required)
 * @param endpoint {@code host[:port]} of the S3 API (required)
 * @param region region, "" to let the client decide
 * @param disableDualstack do not use dual-stack endpoints
 * @param awsSdkAuth use the AWS SDK default credential chain
 * @param accessKey static access key, "" for none
 * @param secretKey static secret key, set together with {@code accessKey}
 * @param sessionToken static session token, ""
 * @param insecure use plain HTTP
 * @param signatureVersion2 sign requests with V2 (not supported by this client: rejected at creation)
 * @param putUserMetadata extra headers/metadata sent with every PUT
 * @param httpConfig HTTP client settings
 * @param traceEnable log every request and response
 * @param listObjectsVersion "" or {@code v2} for ListObjectsV2, {@code v1} for ListObjects
 * @param bucketLookupType path vs virtual-hosted addressing
 * @param sendContentMd5 send Content-MD5 (the SDK sends checksums only when required instead)
 * @param disableMultipart always upload with a single PUT
 * @param partSize multipart part size in bytes, 0 for the 128 MiB default
 * @param sseConfig server-side encryption, null for none
 * @param stsEndpoint custom STS endpoint, "" for the default
 * @param maxRetries retries of a failed operation, 0 for the default
 */
public record S3Config(
    String bucket,
    String endpoint,
    String region,
    boolean disableDualstack,
    boolean awsSdkAuth,
    String accessKey,
    String secretKey,
    String sessionToken,
    boolean insecure,
    boolean signatureVersion2,
    Map<String, String> putUserMetadata,
    HttpConfig httpConfig,
    boolean traceEnable,
    String listObjectsVersion,
    BucketLookupType bucketLookupType,
    boolean sendContentMd5,
    boolean disableMultipart,
    long partSize,
    SseConfig sseConfig,
    String stsEndpoint,
    int maxRetries)
    implements ProviderConfig {

  /** Thanos' default multipart part size (64 MiB). */
  public static final long DEFAULT_PART_SIZE = 64L << 20;
  /** Part size used when {@code part_size} is 0 (128 MiB). */
  public static final long ZERO_PART_SIZE = 128L << 20;
  /** Smallest part S3 accepts (except the last one). */
  public static final long MIN_PART_SIZE = 5L << 20;

  /** Validates the config. */
  public S3Config {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    putUserMetadata = Map.copyOf(putUserMetadata);
    Objects.requireNonNull(httpConfig, "httpConfig");
    Objects.requireNonNull(listObjectsVersion, "listObjectsVersion");
    Objects.requireNonNull(bucketLookupType, "bucketLookupType");
    Objects.requireNonNull(stsEndpoint, "stsEndpoint");
    if (partSize < 0 || maxRetries < 0) {
      throw new IllegalArgumentException("part size and max retries must not be negative");
    }
  }

  /** Returns the part size to use: {@code part_size}, or 128 MiB when it is 0. */
  public long effectivePartSize() {
    return partSize == 0 ? ZERO_PART_SIZE : partSize;
  }

  /** Returns whether static credentials are configured. */
  public boolean hasStaticCredentials() {
    return !accessKey.isEmpty();
  }

  /** Reads and validates the section, strictly when {@code strict}. */
  static S3Config read(YamlNode node, boolean strict) {
    String lookup = node.string("bucket_lookup_type", "auto");
    BucketLookupType lookupType = BucketLookupType.fromYaml(lookup);
    if (lookupType == null) {
      throw node.error("bucket_lookup_type", "must be auto, virtual-hosted or path, got \"" + lookup + "\"");
    }
    String listVersion = node.string("list_objects_version", "");
    if (!listVersion.isEmpty() && !listVersion.equals("v1") && !listVersion.equals("v2")) {
      throw node.error("list_objects_version", "must be \"\", v1 or v2, got \"" + listVersion + "\"");
    }
    YamlNode trace = node.child("trace");
    boolean traceEnable = trace.bool("enable", false);
    trace.finish(strict);
    S3Config config =
        new S3Config(
            node.requiredString("bucket"),
            node.requiredString("endpoint"),
            node.string("region", ""),
            node.bool("disable_dualstack", false),
            node.bool("aws_sdk_auth", false),
            node.string("access_key", ""),
            node.string("secret_key", ""),
            node.string("session_token", ""),
            node.bool("insecure", false),
            node.bool("signature_version2", false),
            node.stringMap("put_user_metadata"),
            HttpConfig.read(node.child("http_config"), strict),
            traceEnable,
            listVersion,
            lookupType,
            node.bool("send_content_md5", true),
            node.bool("disable_multipart", false),
            nonNegative(node, "part_size", node.number("part_size", DEFAULT_PART_SIZE)),
            SseConfig.read(node.child("sse_config"), strict),
            node.string("sts_endpoint", ""),
            (int) nonNegative(node, "max_retries", node.integer("max_retries", 0)));
    node.finish(strict);
    if (config.accessKey.isEmpty() != config.secretKey.isEmpty()) {
      throw node.error(config.accessKey.isEmpty() ? "access_key" : "secret_key",
          "access_key and secret_key must be set together");
    }
    if (config.awsSdkAuth && config.hasStaticCredentials()) {
      throw node.error("aws_sdk_auth", "cannot be combined with access_key/secret_key");
    }
    if (config.partSize != 0 && config.partSize < MIN_PART_SIZE) {
      throw node.error("part_size", "must be 0 or at least 5 MiB (" + MIN_PART_SIZE + "), got " + config.partSize);
    }
    return config;
  }

  private static long nonNegative(YamlNode node, String key, long value) {
    if (value < 0) {
      throw node.error(key, "must not be negative, got " + value);
    }
    return value;
  }
}
