package io.thanosjvm.block.metadata;

import java.util.Objects;

/**
 * One entry of {@code thanos.files}.
 *
 * @param relPath path relative to the block directory, e.g. {@code chunks/000001}
 * @param sizeBytes size in bytes (0 is omitted on write, as for meta.json itself)
 * @param hashFunc hash function name ({@code SHA256}) or null
 * @param hashValue hex hash or null
 */
public record BlockFile(String relPath, long sizeBytes, String hashFunc, String hashValue) {

  /** Validates the entry. */
  public BlockFile {
    Objects.requireNonNull(relPath, "relPath");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("negative size " + sizeBytes);
    }
    if ((hashFunc == null) != (hashValue == null)) {
      throw new IllegalArgumentException("hash function and value must be given together");
    }
  }
}
