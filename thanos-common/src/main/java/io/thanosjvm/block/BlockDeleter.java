package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes a block from a bucket in Thanos' order: {@code meta.json} first (readers stop seeing the block),
 * then every other object except the deletion mark, then {@code deletion-mark.json}, then best-effort
 * deletion of directory-marker objects.
 */
public final class BlockDeleter {

  private final Bucket bucket;

  /** A deleter for {@code bucket}. */
  public BlockDeleter(Bucket bucket) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** Deletes block {@code id}; deleting a missing block does nothing. */
  public void delete(String id) throws IOException {
    if (!BlockMeta.isUlid(id)) {
      throw new IllegalArgumentException("invalid block id " + id);
    }
    String meta = id + "/" + BlockMeta.FILE_NAME;
    String deletionMark = id + "/" + MarkerKind.DELETION.fileName();
    if (bucket.exists(meta)) {
      bucket.delete(meta);
    }
    List<String> rest = new ArrayList<>();
    bucket.iter(id, rest::add, IterOptions.allObjects());
    for (String name : rest) {
      if (!name.equals(meta) && !name.equals(deletionMark)) {
        bucket.delete(name);
      }
    }
    if (bucket.exists(deletionMark)) {
      bucket.delete(deletionMark);
    }
    for (String dirMarker : new String[] {id + "/chunks/", id + "/"}) {
      try {
        bucket.delete(dirMarker);
      } catch (IOException | RuntimeException ignored) {
        // Directory markers exist on few providers; their absence is expected.
      }
    }
  }
}
