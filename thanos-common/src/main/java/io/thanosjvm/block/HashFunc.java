package io.thanosjvm.block;

import io.thanosjvm.cli.FlagNames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Thanos' {@code --hash-func}: the hash written next to each uploaded file in meta.json's {@code thanos.files}
 * ({@code "hash": {"hashFunc": "SHA256", "value": "<hex>"}}), or none.
 */
public enum HashFunc {
  /** No hashes (Thanos' default, {@code ""}). */
  NONE(""),
  /** SHA-256 of the file, lower-case hex. */
  SHA256("SHA256");

  private final String flagValue;

  HashFunc(String flagValue) {
    this.flagValue = flagValue;
  }

  /** The name in flags and in meta.json. */
  public String flagValue() {
    return flagValue;
  }

  /** A fresh digest, or null for {@link #NONE}. */
  MessageDigest newDigest() {
    if (this == NONE) {
      return null;
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The function named by a {@code --hash-func} value.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static HashFunc parse(String value) {
    for (HashFunc f : values()) {
      if (f.flagValue.equals(value == null ? "" : value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("--" + FlagNames.HASH_FUNC + ": unknown hash function \"" + value + "\" (\"\" or \"SHA256\")");
  }
}
