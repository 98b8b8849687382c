package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.util.Map;
import java.util.Objects;

/**
 * S3 server-side encryption ({@code sse_config}).
 *
 * @param type {@code SSE-S3}, {@code SSE-KMS} or {@code SSE-C}
 * @param kmsKeyId KMS key id, required for SSE-KMS
 * @param kmsEncryptionContext optional SSE-KMS encryption context
 * @param encryptionKey path of the 32-byte key file, required for SSE-C
 */
public record SseConfig(
    String type, String kmsKeyId, Map<String, String> kmsEncryptionContext, String encryptionKey) {

  /** SSE with S3-managed keys. */
  public static final String SSE_S3 = "SSE-S3";
  /** SSE with KMS-managed keys. */
  public static final String SSE_KMS = "SSE-KMS";
  /** SSE with a customer-provided key. */
  public static final String SSE_C = "SSE-C";

  /** Validates the block. */
  public SseConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    kmsEncryptionContext = Map.copyOf(kmsEncryptionContext);
    Objects.requireNonNull(encryptionKey, "encryptionKey");
  }

  /** Reads the block; returns null when no type is set (SSE disabled). */
  static SseConfig read(YamlNode node, boolean strict) {
    SseConfig sse =
        new SseConfig(
            node.string("type", ""),
            node.string("kms_key_id", ""),
            node.stringMap("kms_encryption_context"),
            node.string("encryption_key", ""));
    node.finish(strict);
    switch (sse.type) {
      case "":
        return null;
      case SSE_S3:
        return sse;
      case SSE_KMS:
        if (sse.kmsKeyId.isEmpty()) {
          throw node.error("kms_key_id", "missing required key for type SSE-KMS");
        }
        return sse;
      case SSE_C:
        if (sse.encryptionKey.isEmpty()) {
          throw node.error("encryption_key", "missing required key for type SSE-C");
        }
        return sse;
      default:
        throw node.error("type", "unsupported SSE type \"" + sse.type + "\" (SSE-S3, SSE-KMS or SSE-C)");
    }
  }
}
