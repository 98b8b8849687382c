package io.thanosjvm.shipper;

import io.thanosjvm.block.HashFunc;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a shipper watches and how it labels what it ships.
 *
 * @param tsdbDir the Prometheus TSDB directory ({@code --tsdb.path})
 * @param source the {@code thanos.source} written into meta.json, e.g. {@code sidecar}
 * @param uploadCompacted also ship blocks of compaction level above 1 ({@code --shipper.upload-compacted})
 * @param metaFileName the state file name inside {@code tsdbDir} ({@code --shipper.meta-file-name})
 * @param hashFunc the hash recorded in meta.json for shipped files ({@code --hash-func})
 */
public record ShipperOptions(Path tsdbDir, String source, boolean uploadCompacted, String metaFileName,
    HashFunc hashFunc) {

  /** Source written by the sidecar. */
  public static final String SOURCE_SIDECAR = "sidecar";

  /** Validates. */
  public ShipperOptions {
    Objects.requireNonNull(tsdbDir, "tsdbDir");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(metaFileName, "metaFileName");
    Objects.requireNonNull(hashFunc, "hashFunc");
    if (metaFileName.isBlank() || Path.of(metaFileName).getNameCount() != 1 || metaFileName.equals("..")) {
      throw new IllegalArgumentException("shipper meta file name must be a plain file name: " + metaFileName);
    }
  }

  /** The sidecar's options: source {@code sidecar}, state file {@code thanos.shipper.json}. */
  public static ShipperOptions sidecar(Path tsdbDir, boolean uploadCompacted) {
    return new ShipperOptions(tsdbDir, SOURCE_SIDECAR, uploadCompacted, ShipperMetaFile.DEFAULT_FILE_NAME,
        HashFunc.NONE);
  }

  /** The state file path. */
  public Path metaFile() {
    return tsdbDir.resolve(metaFileName);
  }
}
