package io.thanosjvm.store.cache;

import io.thanosjvm.cacheutil.Blake2b;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Thanos' remote index cache keys: postings {@code P:<ULID>:<base64url(blake2b-256("name:value"))>[:<codec>]}
 * (unpadded URL-safe base64) and series {@code S:<ULID>:<ref>} (ref as an unsigned decimal).
 */
public final class CacheKeys {

  /** The codec suffix current Thanos writes on postings keys: diff+varint, streamed snappy. */
  public static final String CODEC_STREAMED_SNAPPY = "dss";

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private CacheKeys() {}

  /** The key of the postings of {@code name=value} in {@code blockId}; {@code codec} may be empty. */
  public static String postings(String blockId, String name, String value, String codec) {
    byte[] hash = Blake2b.sum256((name + ":" + value).getBytes(StandardCharsets.UTF_8));
    String key = "P:" + blockId + ":" + BASE64URL.encodeToString(hash);
    return codec.isEmpty() ? key : key + ":" + codec;
  }

  /** The key of series {@code ref} of {@code blockId}. */
  public static String series(String blockId, long ref) {
    return "S:" + blockId + ":" + Long.toUnsignedString(ref);
  }
}
