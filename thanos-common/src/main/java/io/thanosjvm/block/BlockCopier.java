package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Copies a block from one bucket to another byte for byte, streaming each object: every object of the block
 * (chunks, index, tombstones, ...) first, meta.json last, so readers of the target never see a partial block.
 * Marker files stay behind: they describe the block's life in the source bucket.
 */
public final class BlockCopier {

  private static final Set<String> MARKERS = Set.of(MarkerKind.DELETION.fileName(), MarkerKind.NO_COMPACT.fileName(),
      MarkerKind.NO_DOWNSAMPLE.fileName());

  private final Bucket from;
  private final Bucket to;

  /** A copier from {@code from} to {@code to}. */
  public BlockCopier(Bucket from, Bucket to) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
  }

  /**
   * Copies block {@code id}; returns the number of bytes copied.
   *
   * @throws IOException when an object cannot be read or written (the target may then hold a partial block
   *     without meta.json, which readers skip and the compactor cleans up)
   */
  public long copy(String id) throws IOException {
    if (!BlockMeta.isUlid(id)) {
      throw new IllegalArgumentException("invalid block id " + id);
    }
    String meta = id + "/" + BlockMeta.FILE_NAME;
    List<String> names = new ArrayList<>();
    from.iter(id, names::add, IterOptions.allObjects());
    if (!names.contains(meta)) {
      throw new IOException("block " + id + " has no meta.json in bucket " + from.name());
    }
    long bytes = 0;
    for (String name : names) {
      String file = name.substring(name.lastIndexOf('/') + 1);
      if (!name.equals(meta) && !name.endsWith("/") && !MARKERS.contains(file)) {
        bytes += copyObject(name);
      }
    }
    return bytes + copyObject(meta);
  }

  /** Copies one object as it is; returns its size. */
  public long copyObject(String name) throws IOException {
    long size = from.attributes(name).size();
    try (InputStream in = from.get(name)) {
      to.upload(name, in, size);
    }
    return size;
  }
}
