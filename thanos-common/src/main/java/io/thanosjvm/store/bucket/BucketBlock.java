package io.thanosjvm.store.bucket;

import io.thanosjvm.block.indexheader.IndexHeaderBuilder;
import io.thanosjvm.block.indexheader.IndexHeaderFormat;
import io.thanosjvm.block.indexheader.IndexHeaderReader;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block served from the bucket: its meta, its local index-header and the sizes of its chunk segment files.
 * Loading verifies what can be verified without reading the data: the remote index's header, TOC and tables
 * (through the index-header) and the chunk files against meta.json's file list. Thread-safe.
 */
public final class BucketBlock implements Closeable {

  /** Chunk bytes read per chunk when meta.json gives no size statistic (Thanos' estimate). */
  static final int DEFAULT_CHUNK_SIZE = 16_000;
  /** Series bytes read per series when meta.json gives no size statistic (Thanos' estimate). */
  static final int DEFAULT_SERIES_SIZE = 64 << 10;

  private final Bucket bucket;
  private final BlockMeta meta;
  private final Labels externalLabels;
  private final io.thanosjvm.store.ExternalLabels external;
  private final Path headerFile;
  private final long[] segmentSizes;
  private final java.time.InstantSource clock;
  private volatile long averageSeriesSize = -1;
  private volatile IndexHeaderReader header;
  private volatile long lastUsedMillis;

  private BucketBlock(Bucket bucket, BlockMeta meta, Path headerFile, IndexHeaderReader header, long[] segmentSizes,
      java.time.InstantSource clock) {
    this.bucket = bucket;
    this.meta = meta;
    this.externalLabels = Labels.fromMap(meta.thanos().map(ThanosMeta::labels).orElse(Map.of()));
    this.external = new io.thanosjvm.store.ExternalLabels(externalLabels);
    this.headerFile = headerFile;
    this.header = header;
    this.segmentSizes = segmentSizes;
    this.clock = clock;
    this.lastUsedMillis = clock.millis();
  }

  /**
   * Loads a block: reuses {@code <dataDir>/<ULID>/index-header} when valid, else builds it from the bucket.
   *
   * @throws CorruptBlockException when the block's index or chunk files are damaged or missing
   * @throws IOException when the bucket or local disk fails
   */
  public static BucketBlock load(Bucket bucket, BlockMeta meta, Path dataDir) throws IOException {
    return load(bucket, meta, dataDir, false, java.time.Clock.systemUTC());
  }

  /**
   * Loads a block; with {@code lazy} the validated index-header is closed again right away and opened on first use
   * (see {@link #unloadIfIdle}).
   *
   * @throws CorruptBlockException when the block's index or chunk files are damaged or missing
   * @throws IOException when the bucket or local disk fails
   */
  public static BucketBlock load(Bucket bucket, BlockMeta meta, Path dataDir, boolean lazy,
      java.time.InstantSource clock) throws IOException {
    return load(bucket, meta, dataDir, lazy ? HeaderMode.LAZY : HeaderMode.EAGER, clock);
  }

  /**
   * When a block's index-header is built and opened, like Thanos' {@code --store.enable-index-header-lazy-reader}
   * and {@code --store.index-header-lazy-download-strategy}.
   */
  public enum HeaderMode {
    /** Built (or reused and validated) and opened at load; kept open. */
    EAGER,
    /**
     * Built at load when missing (which validates the remote index), opened on first use and closed when idle. A
     * local copy from an earlier run is reused without opening it at load, as Thanos' lazy reader does; if it turns
     * out damaged on first use it is built again.
     */
    LAZY,
    /**
     * As {@link #LAZY}, and also built on first use rather than at load ({@code
     * --store.index-header-lazy-download-strategy=lazy}): loading reads nothing from the bucket when meta.json lists
     * the chunk segments with their sizes (else it lists {@code chunks/}), so a store with many blocks is ready
     * quickly; a damaged block then fails the first query touching it instead of the load.
     */
    LAZY_DOWNLOAD
  }

  /**
   * Loads a block with the index-header handled as {@code mode} says.
   *
   * @throws CorruptBlockException when the block's index or chunk files are damaged or missing
   * @throws IOException when the bucket or local disk fails
   */
  public static BucketBlock load(Bucket bucket, BlockMeta meta, Path dataDir, HeaderMode mode,
      java.time.InstantSource clock) throws IOException {
    String id = meta.ulid();
    long[] segments = segmentSizes(bucket, meta, mode != HeaderMode.LAZY_DOWNLOAD);
    Path file = dataDir.resolve(id).resolve(IndexHeaderFormat.FILE_NAME);
    IndexHeaderReader reader = null;
    if (mode == HeaderMode.EAGER) {
      reader = openOrBuild(bucket, id, file);
    } else if (mode == HeaderMode.LAZY && !Files.exists(file)) {
      openOrBuild(bucket, id, file).close();
    }
    return new BucketBlock(bucket, meta, file, reader, segments, clock);
  }

  /** Opens the local index-header, building it from the bucket when missing or damaged. */
  private static IndexHeaderReader openOrBuild(Bucket bucket, String id, Path file) throws IOException {
    if (Files.exists(file)) {
      try {
        return IndexHeaderReader.open(file);
      } catch (CorruptBlockException e) {
        Files.delete(file); // a damaged local copy: build it again from the bucket
      }
    }
    IndexHeaderBuilder.build(bucket, id, file);
    return IndexHeaderReader.open(file);
  }

  /**
   * The average series entry size, read from the bucket on first use (a load does not need it) and kept; 0 when
   * unknown (also when the bucket fails: then it is asked again next time).
   */
  private long averageSeriesSize() {
    long a = averageSeriesSize;
    if (a < 0) {
      try {
        a = averageSeriesSize(bucket, meta);
        averageSeriesSize = a;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
    return a;
  }

  /** Average encoded series entry size from the index TOC (series section length / series count), 0 if unknown. */
  private static long averageSeriesSize(Bucket bucket, BlockMeta meta) throws IOException {
    String name = meta.ulid() + "/index";
    long size = bucket.attributes(name).size();
    if (size < io.thanosjvm.tsdb.index.IndexFormat.TOC_SIZE || meta.numSeries() <= 0) {
      return 0;
    }
    long tocPos = size - io.thanosjvm.tsdb.index.IndexFormat.TOC_SIZE;
    byte[] t;
    try (java.io.InputStream in = bucket.getRange(name, tocPos, io.thanosjvm.tsdb.index.IndexFormat.TOC_SIZE)) {
      t = in.readNBytes(io.thanosjvm.tsdb.index.IndexFormat.TOC_SIZE);
    }
    io.thanosjvm.tsdb.index.Toc toc = io.thanosjvm.tsdb.index.Toc.decode(name, tocPos, t);
    long section = (toc.labelIndices() > 0 ? toc.labelIndices() : toc.postings()) - toc.series();
    return section > 0 ? section / meta.numSeries() : 0;
  }

  /**
   * Sizes of the chunk segments, checked against meta.json's file list. With {@code stat = false} a size that
   * meta.json gives is taken from it without asking the bucket (one request less per segment).
   */
  private static long[] segmentSizes(Bucket bucket, BlockMeta meta, boolean stat) throws IOException {
    String id = meta.ulid();
    if (!stat) {
      long[] listed = listedSegments(meta);
      if (listed != null) {
        return listed; // as Thanos: meta.json's file list, when complete, stands for the chunks/ listing
      }
    }
    Map<Integer, Long> sizes = new HashMap<>();
    bucket.iter(id + "/chunks/", name -> {
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (base.matches("\\d{6}")) {
        sizes.put(Integer.parseInt(base), -1L);
      }
    });
    List<BlockFile> listed = meta.thanos().map(ThanosMeta::files).orElse(List.of());
    for (BlockFile f : listed) {
      String rel = f.relPath();
      if (rel.startsWith("chunks/") && !sizes.containsKey(Integer.parseInt(rel.substring(7)))) {
        throw new CorruptBlockException(id + "/" + rel, 0, "chunk file listed in meta.json is missing");
      }
    }
    int n = sizes.size();
    long[] out = new long[n];
    for (int seq = 1; seq <= n; seq++) {
      if (!sizes.containsKey(seq)) {
        throw new CorruptBlockException(id + "/chunks/" + String.format("%06d", seq), 0,
            "chunk segment missing (segments must be numbered 1.." + n + ")");
      }
      String name = id + "/chunks/" + String.format("%06d", seq);
      long size = stat ? -1 : listedSize(listed, seq);
      if (size < 0) {
        size = bucket.attributes(name).size();
      }
      for (BlockFile f : listed) {
        if (f.relPath().equals("chunks/" + String.format("%06d", seq)) && f.sizeBytes() > 0 && f.sizeBytes() != size) {
          throw new CorruptBlockException(name, size, "chunk file is " + size + " bytes, meta.json says "
              + f.sizeBytes());
        }
      }
      out[seq - 1] = size;
    }
    if (n == 0 && meta.numChunks() > 0) {
      throw new CorruptBlockException(id + "/chunks/", 0, "no chunk files although meta.json counts "
          + meta.numChunks() + " chunks");
    }
    return out;
  }

  /** Segment sizes from meta.json's file list when it names segments 1..n, all with sizes; else null. */
  private static long[] listedSegments(BlockMeta meta) {
    List<BlockFile> listed = meta.thanos().map(ThanosMeta::files).orElse(List.of());
    Map<Integer, Long> sizes = new HashMap<>();
    for (BlockFile f : listed) {
      String rel = f.relPath();
      if (rel.startsWith("chunks/")) {
        String base = rel.substring(7);
        if (!base.matches("\\d{6}") || f.sizeBytes() <= 0) {
          return null;
        }
        sizes.put(Integer.parseInt(base), f.sizeBytes());
      }
    }
    if (sizes.isEmpty()) {
      return null;
    }
    long[] out = new long[sizes.size()];
    for (int seq = 1; seq <= out.length; seq++) {
      Long size = sizes.get(seq);
      if (size == null) {
        return null;
      }
      out[seq - 1] = size;
    }
    return out;
  }

  private static long listedSize(List<BlockFile> listed, int seq) {
    String rel = "chunks/" + String.format("%06d", seq);
    for (BlockFile f : listed) {
      if (f.relPath().equals(rel) && f.sizeBytes() > 0) {
        return f.sizeBytes();
      }
    }
    return -1;
  }

  /** The block's ULID. */
  public String id() {
    return meta.ulid();
  }

  /** The block's meta.json. */
  public BlockMeta meta() {
    return meta;
  }

  /** External labels from the thanos section (empty when absent). */
  public Labels externalLabels() {
    return externalLabels;
  }

  /** External labels with the rules for attaching them to series. */
  public io.thanosjvm.store.ExternalLabels external() {
    return external;
  }

  /** Downsampling resolution in ms (0 = raw). */
  public long resolution() {
    return meta.thanos().map(ThanosMeta::resolution).orElse(0L);
  }

  /** Whether the block's [minTime, maxTime) range overlaps the closed interval [mint, maxt]. */
  public boolean overlaps(long mint, long maxt) {
    return meta.minTime() <= maxt && mint < meta.maxTime();
  }

  /** The local index-header, opened now if it was not loaded (lazy reader). */
  public IndexHeaderReader header() {
    lastUsedMillis = clock.millis();
    IndexHeaderReader h = header;
    if (h == null) {
      synchronized (this) {
        h = header;
        if (h == null) {
          try {
            h = openOrBuild(bucket, id(), headerFile);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("opening index-header of block " + id(), e);
          }
          header = h;
        }
      }
    }
    return h;
  }

  /** Whether the index-header is currently open. */
  public boolean headerLoaded() {
    return header != null;
  }

  /**
   * Closes the index-header when unused for {@code idle} (it is reopened on next use). Readers still holding it keep
   * working: the mapped memory stays valid until no longer referenced.
   *
   * @return whether it was unloaded
   */
  public synchronized boolean unloadIfIdle(java.time.Duration idle) throws IOException {
    IndexHeaderReader h = header;
    if (h == null || clock.millis() - lastUsedMillis < idle.toMillis()) {
      return false;
    }
    header = null;
    h.close();
    return true;
  }

  /** The bucket holding the block. */
  Bucket bucket() {
    return bucket;
  }

  /** Size of chunk segment {@code seq} (1-based), or -1 when there is no such segment. */
  long segmentSize(int seq) {
    return seq >= 1 && seq <= segmentSizes.length ? segmentSizes[seq - 1] : -1;
  }

  /**
   * Bytes to read per series entry: meta.json's {@code index_stats.series_max_size} when present, else four times
   * the block's average entry (at least 512 bytes, at most Thanos' 64 KiB default). An entry larger than the
   * estimate is refetched exactly, so the estimate only trades bytes read against round trips.
   */
  int estimatedSeriesSize() {
    long s = meta.thanos().map(ThanosMeta::seriesMaxSize).orElse(0L);
    if (s > 0 && s < DEFAULT_SERIES_SIZE * 16L) {
      return (int) s;
    }
    long average = averageSeriesSize();
    return average > 0 ? (int) Math.min(DEFAULT_SERIES_SIZE, Math.max(512, 4 * average)) : DEFAULT_SERIES_SIZE;
  }

  /**
   * Bytes to read per chunk: {@code index_stats.chunk_max_size} when present, else four times the block's average
   * chunk (segment bytes / chunk count, at least 512 bytes, at most Thanos' 16 000 default).
   */
  int estimatedChunkSize() {
    long s = meta.thanos().map(ThanosMeta::chunkMaxSize).orElse(0L);
    if (s > 0 && s < (1 << 24)) {
      return (int) s;
    }
    long total = 0;
    for (long seg : segmentSizes) {
      total += seg;
    }
    long avg = meta.numChunks() > 0 ? total / meta.numChunks() : 0;
    return avg > 0 ? (int) Math.min(DEFAULT_CHUNK_SIZE, Math.max(512, 4 * avg)) : DEFAULT_CHUNK_SIZE;
  }

  /** Names of the block's objects, for errors. */
  String object(String rel) {
    return id() + "/" + rel;
  }

  /** The chunk segment object names in order. */
  List<String> segmentNames() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= segmentSizes.length; i++) {
      out.add(object("chunks/" + String.format("%06d", i)));
    }
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    IndexHeaderReader h = header;
    header = null;
    if (h != null) {
      h.close();
    }
  }
}
