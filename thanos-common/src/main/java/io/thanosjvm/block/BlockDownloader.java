package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Downloads a block from a bucket into {@code <dir>/<ULID>/}: every object of the block except marker
 * files, up to {@code filesConcurrency} at a time, then meta.json last so a local reader never sees a half block.
 */
public final class BlockDownloader {

  private final Bucket bucket;
  private final int filesConcurrency;

  /** A downloader reading from {@code bucket} one file at a time. */
  public BlockDownloader(Bucket bucket) {
    this(bucket, 1);
  }

  /**
   * A downloader reading from {@code bucket} with up to {@code filesConcurrency} files in flight
   * ({@code --block-files-concurrency}).
   */
  public BlockDownloader(Bucket bucket, int filesConcurrency) {
    if (filesConcurrency <= 0) {
      throw new IllegalArgumentException("block files concurrency must be > 0, got " + filesConcurrency);
    }
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.filesConcurrency = filesConcurrency;
  }

  /**
   * Downloads block {@code id} into {@code dir}; returns the block directory.
   *
   * @throws io.thanosjvm.objstore.ObjectNotFoundException when the block has no meta.json
   */
  public Path download(String id, Path dir) throws IOException {
    if (!BlockMeta.isUlid(id)) {
      throw new IllegalArgumentException("invalid block id " + id);
    }
    String meta = id + "/" + BlockMeta.FILE_NAME;
    bucket.attributes(meta);
    List<String> names = new ArrayList<>();
    bucket.iter(id, names::add, IterOptions.allObjects());
    Path blockDir = dir.resolve(id);
    List<ParallelIo.IoTask> files = new ArrayList<>();
    for (String name : names) {
      String rel = name.substring(id.length() + 1);
      if (!name.equals(meta) && !rel.endsWith("-mark.json")) {
        files.add(() -> fetch(name, blockDir.resolve(rel)));
      }
    }
    ParallelIo.runAll(files, filesConcurrency);
    fetch(meta, blockDir.resolve(BlockMeta.FILE_NAME));
    return blockDir;
  }

  private void fetch(String name, Path target) throws IOException {
    Path normalized = target.normalize();
    Files.createDirectories(normalized.getParent());
    Path tmp = normalized.resolveSibling(normalized.getFileName() + ".tmp");
    try (InputStream in = bucket.get(name)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, normalized, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
