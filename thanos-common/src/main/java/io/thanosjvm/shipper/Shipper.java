package io.thanosjvm.shipper;

import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the completed blocks of a TSDB directory to a bucket, following Thanos' shipper rules. Each
 * {@link #sync()} scans the directory oldest block first and, for each block not listed in the state file:
 * skips it when empty (no samples) or compacted (level above 1) unless compacted uploads are on; counts it as
 * shipped when its meta.json is already in the bucket; otherwise (for a compacted block, after checking it
 * overlaps nothing in the bucket with the same labels) uploads it through a hard-linked staging copy with
 * {@link BlockUploader} (chunks, index, meta.json last) and records it in the state file at once (atomic
 * rewrite). A failed upload ends the sync (blocks stay in time order in the bucket) and is retried next sync;
 * a block is never uploaded twice: the state file or the bucket's meta.json says it is there. Not for
 * concurrent use by several processes on one directory; calls from several threads are serialised.
 */
public final class Shipper {

  private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);

  private final ShipperOptions options;
  private final Bucket bucket;
  private final Supplier<Labels> externalLabels;
  private final ShipperMetrics metrics;
  private final BlockUploader uploader;
  private int uploadedThisSync;

  /**
   * A shipper.
   *
   * @param externalLabels the labels to stamp on shipped blocks, read at each sync (Prometheus' external labels)
   * @param clock stamps {@code thanos.upload_time}
   */
  public Shipper(ShipperOptions options, Bucket bucket, Supplier<Labels> externalLabels, ShipperMetrics metrics,
      Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.uploader = new BlockUploader(bucket, clock, 1, options.hashFunc());
  }

  /** The options. */
  public ShipperOptions options() {
    return options;
  }

  /**
   * One pass over the directory.
   *
   * @return the number of blocks uploaded by this pass
   * @throws ShipperException when the pass stopped early (no labels, unreadable directory or block, bucket
   *     failure, refused compacted block); blocks uploaded before are recorded, the rest wait for the next pass
   */
  public synchronized int sync() throws ShipperException {
    uploadedThisSync = 0;
    try {
      syncOnce();
      metrics.dirSync(false);
      return uploadedThisSync;
    } catch (ShipperException e) {
      metrics.dirSync(true);
      throw new ShipperException(e.getMessage(), e.getCause(), uploadedThisSync);
    }
  }

  private void syncOnce() throws ShipperException {
    Map<String, String> labels = labelMap(externalLabels.get());
    if (labels.isEmpty()) {
      throw new ShipperException("no external labels: refusing to ship blocks that cannot be told apart", null);
    }
    Set<String> known = readState();
    LocalBlocks.Scan scan;
    try {
      scan = LocalBlocks.scan(options.tsdbDir());
    } catch (IOException e) {
      throw new ShipperException("read dir " + options.tsdbDir() + ": " + e.getMessage(), e);
    }
    if (!scan.corrupted().isEmpty()) {
      scan.corrupted().forEach(c -> metrics.corruptedBlock());
      throw new ShipperException("corrupted local block(s): " + String.join("; ", scan.corrupted()), null);
    }
    List<String> shipped = new ArrayList<>();
    OverlapChecker overlaps = new OverlapChecker(bucket, labels);
    for (BlockMeta meta : scan.metas()) {
      String id = meta.ulid();
      if (known.contains(id)) {
        shipped.add(id);
        continue;
      }
      if (meta.numSamples() == 0) {
        LOG.atDebug().addKeyValue("block", id).log("ignoring empty block");
        continue;
      }
      if (meta.compactionLevel() > 1 && !options.uploadCompacted()) {
        continue;
      }
      try {
        if (bucket.exists(id + "/" + BlockMeta.FILE_NAME)) {
          shipped.add(id);
          continue;
        }
      } catch (IOException | RuntimeException e) {
        writeState(union(shipped, known));
        throw new ShipperException("check exists " + id + " in bucket: " + e.getMessage(), e);
      }
      if (meta.compactionLevel() > 1) {
        try {
          overlaps.check(meta);
        } catch (IOException | RuntimeException e) {
          writeState(union(shipped, known));
          throw new ShipperException("found overlap or error during sync, cannot upload compacted block: "
              + e.getMessage(), e);
        }
      }
      try {
        upload(meta, labels);
      } catch (IOException | RuntimeException e) {
        metrics.uploadFailed();
        writeState(union(shipped, known));
        throw new ShipperException("upload " + id + ": " + e.getMessage(), e);
      }
      shipped.add(id);
      uploadedThisSync++;
      metrics.uploaded();
      writeState(union(shipped, known));
    }
    writeState(shipped);
    metrics.uploadCompactedDone(options.uploadCompacted());
  }

  /**
   * What the local blocks cover, as Thanos' sidecar advertises it while shipping.
   *
   * @param minTime the lowest minTime of any local block (0 when there is none: no block size can be assumed)
   * @param maxSyncTime the highest maxTime of a shipped local block ({@link Long#MIN_VALUE} when none)
   */
  public record Timestamps(long minTime, long maxSyncTime) {}

  /**
   * Reads the local blocks and the state file.
   *
   * @throws IOException when the state file or the directory cannot be read
   */
  public Timestamps timestamps() throws IOException {
    Set<String> shipped = new LinkedHashSet<>(ShipperMetaFile.read(options.metaFile()).uploaded());
    long min = Long.MAX_VALUE;
    long maxSync = Long.MIN_VALUE;
    for (BlockMeta m : LocalBlocks.scan(options.tsdbDir()).metas()) {
      min = Math.min(min, m.minTime());
      if (shipped.contains(m.ulid())) {
        maxSync = Math.max(maxSync, m.maxTime());
      }
    }
    return new Timestamps(min == Long.MAX_VALUE ? 0 : min, maxSync);
  }

  private void upload(BlockMeta meta, Map<String, String> externalLabels) throws IOException {
    LOG.atInfo().addKeyValue("id", meta.ulid()).log("upload new block");
    Map<String, String> labels = new TreeMap<>(meta.thanos().map(ThanosMeta::labels).orElse(Map.of()));
    labels.putAll(externalLabels);
    long resolution = meta.thanos().map(ThanosMeta::resolution).orElse(0L);
    java.nio.file.Path staged = BlockStaging.stage(options.tsdbDir(), meta, labels, options.source());
    try {
      uploader.upload(staged, new UploadOptions(labels, options.source(), resolution, true));
    } finally {
      try {
        BlockStaging.remove(staged);
      } catch (IOException e) {
        LOG.atError().addKeyValue("err", e.getMessage()).log("failed to clean upload directory");
      }
    }
  }

  private Set<String> readState() {
    try {
      return new LinkedHashSet<>(ShipperMetaFile.read(options.metaFile()).uploaded());
    } catch (NoSuchFileException e) {
      return new LinkedHashSet<>();
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).log("reading meta file failed, will override it");
      return new LinkedHashSet<>();
    }
  }

  private void writeState(List<String> ids) {
    try {
      ShipperMetaFile.of(ids).write(options.metaFile());
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("err", e.getMessage()).log("updating meta file failed");
    }
  }

  private static List<String> union(List<String> shipped, Set<String> known) {
    LinkedHashSet<String> all = new LinkedHashSet<>(shipped);
    all.addAll(known);
    return new ArrayList<>(all);
  }

  private static Map<String, String> labelMap(Labels labels) {
    Map<String, String> out = new TreeMap<>();
    if (labels != null) {
      labels.forEach(l -> out.put(l.name(), l.value()));
    }
    return out;
  }
}
