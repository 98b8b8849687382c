package io.thanosjvm.block;

import java.time.Clock;
import java.util.Objects;

/**
 * How a component moves blocks to and from object storage: files of one block in flight at once
 * ({@code --block-files-concurrency}) and the hash recorded for uploaded files ({@code --hash-func}).
 *
 * @param filesConcurrency files of one block transferred at the same time (at least 1)
 * @param hashFunc the hash written into meta.json for uploaded files
 */
public record TransferOptions(int filesConcurrency, HashFunc hashFunc) {

  /** Thanos' defaults: one file at a time, no hashes. */
  public static final TransferOptions DEFAULTS = new TransferOptions(1, HashFunc.NONE);

  /** Validates the concurrency. */
  public TransferOptions {
    if (filesConcurrency <= 0) {
      throw new IllegalArgumentException("block files concurrency must be > 0, got " + filesConcurrency);
    }
    Objects.requireNonNull(hashFunc, "hashFunc");
  }

  /** An uploader into {@code bucket} with these options. */
  public BlockUploader uploader(io.thanosjvm.objstore.Bucket bucket, Clock clock) {
    return new BlockUploader(bucket, clock, filesConcurrency, hashFunc);
  }

  /** A downloader from {@code bucket} with these options. */
  public BlockDownloader downloader(io.thanosjvm.objstore.Bucket bucket) {
    return new BlockDownloader(bucket, filesConcurrency);
  }
}
