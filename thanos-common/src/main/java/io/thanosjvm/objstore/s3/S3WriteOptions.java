package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.config.SseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Applies {@code put_user_metadata} and {@code sse_config} to S3 requests. Like minio-go, metadata keys that
 * are {@code x-amz-*} or standard headers are sent as headers; the others become {@code x-amz-meta-*}.
 * SSE-C needs the key on reads too.
 */
final class S3WriteOptions {

  private static final Set<String> STANDARD_HEADERS =
      Set.of("content-type", "cache-control", "content-encoding", "content-disposition",
          "content-language", "expires");

  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final SseConfig sse;
  private final String customerKey;
  private final String customerKeyMd5;

  S3WriteOptions(S3Config config) {
    config.putUserMetadata().forEach((k, v) -> {
      String lower = k.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-meta-")) {
        metadata.put(k.substring("x-amz-meta-".length()), v);
      } else if (lower.startsWith("x-amz-") || STANDARD_HEADERS.contains(lower)) {
        headers.put(k, v);
      } else {
        metadata.put(k, v);
      }
    });
    this.sse = config.sseConfig();
    if (sse != null && SseConfig.SSE_C.equals(sse.type())) {
      byte[] key = readKey(Path.of(sse.encryptionKey()));
      this.customerKey = Base64.getEncoder().encodeToString(key);
      this.customerKeyMd5 = Base64.getEncoder().encodeToString(md5(key));
    } else {
      this.customerKey = null;
      this.customerKeyMd5 = null;
    }
  }

  private static byte[] readKey(Path file) {
    try {
      byte[] key = Files.readAllBytes(file);
      if (key.length != 32) {
        throw new IllegalArgumentException(
            "objstore S3: sse_config.encryption_key file " + file + " must hold 32 bytes, has " + key.length);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("objstore S3: cannot read sse_config.encryption_key " + file, e);
    }
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private AwsRequestOverrideConfiguration headerOverride(java.time.Duration attemptTimeout) {
    AwsRequestOverrideConfiguration.Builder b =
        AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(attemptTimeout);
    headers.forEach(b::putHeader);
    return b.build();
  }

  private String kmsContext() {
    if (sse.kmsEncryptionContext().isEmpty()) {
      return null;
    }
    String json = sse.kmsEncryptionContext().entrySet().stream()
        .map(e -> "\"" + jsonEscape(e.getKey()) + "\":\"" + jsonEscape(e.getValue()) + "\"")
        .collect(Collectors.joining(",", "{", "}"));
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  PutObjectRequest.Builder apply(PutObjectRequest.Builder b, java.time.Duration attemptTimeout) {
    b.metadata(metadata).overrideConfiguration(headerOverride(attemptTimeout));
    if (sse != null) {
      switch (sse.type()) {
        case SseConfig.SSE_S3 -> b.serverSideEncryption(ServerSideEncryption.AES256);
        case SseConfig.SSE_KMS -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS)
            .ssekmsKeyId(sse.kmsKeyId()).ssekmsEncryptionContext(kmsContext());
        default -> b.sseCustomerAlgorithm("AES256").sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
      }
    }
    return b;
  }

  CreateMultipartUploadRequest.Builder apply(
      CreateMultipartUploadRequest.Builder b, java.time.Duration attemptTimeout) {
    b.metadata(metadata).overrideConfiguration(headerOverride(attemptTimeout));
    if (sse != null) {
      switch (sse.type()) {
        case SseConfig.SSE_S3 -> b.serverSideEncryption(ServerSideEncryption.AES256);
        case SseConfig.SSE_KMS -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS)
            .ssekmsKeyId(sse.kmsKeyId()).ssekmsEncryptionContext(kmsContext());
        default -> b.sseCustomerAlgorithm("AES256").sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
      }
    }
    return b;
  }

  UploadPartRequest.Builder apply(UploadPartRequest.Builder b) {
    return customerKey == null ? b
        : b.sseCustomerAlgorithm("AES256").sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
  }

  GetObjectRequest.Builder apply(GetObjectRequest.Builder b) {
    return customerKey == null ? b
        : b.sseCustomerAlgorithm("AES256").sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
  }

  HeadObjectRequest.Builder apply(HeadObjectRequest.Builder b) {
    return customerKey == null ? b
        : b.sseCustomerAlgorithm("AES256").sseCustomerKey(customerKey).sseCustomerKeyMD5(customerKeyMd5);
  }
}
