package io.thanosjvm.compact;

import java.io.IOException;

/**
 * Size of a block's index file when its meta.json does not list it (Thanos asks the bucket for the object's
 * attributes then).
 */
@FunctionalInterface
public interface IndexSizes {

  /** Never consulted: for planners whose index-size guard is off or whose metas all list their index. */
  IndexSizes UNAVAILABLE = id -> {
    throw new IOException("index size of block " + id + " is not in its meta.json and no bucket was given");
  };

  /**
   * Size in bytes of {@code <blockId>/index}.
   *
   * @throws IOException when it cannot be read
   */
  long indexSizeBytes(String blockId) throws IOException;
}
