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
  private final long averageSeriesSize;
  private volatile IndexHeaderReader header;
  private volatile long lastUsedMillis;

  private BucketBlock(Bucket bucket, BlockMeta meta, Path headerFile, IndexHeaderReader header, long[] segmentSizes,
      long averageSeriesSize, java.time.InstantSource clock) {
    this.averageSeriesSize = averageSeriesSize;
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
    String id = meta.ulid();
    long[] segments = segmentSizes(bucket, meta);
    Path file = dataDir.resolve(id).resolve(IndexHeaderFormat.FILE_NAME);
    IndexHeaderReader reader = null;
    if (Files.exists(file)) {
      try {
        reader = IndexHeaderReader.open(file);
      } catch (CorruptBlockException e) {
        Files.delete(file); // a damaged local copy: build it again from the bucket
      }
    }
    if (reader == null) {
      IndexHeaderBuilder.build(bucket, id, file);
      reader = IndexHeaderReader.open(file);
    }
    if (lazy) {
      reader.close();
      reader = null;
    }
    return new BucketBlock(bucket, meta, file, reader, segments, averageSeriesSize(bucket, meta), clock);
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

  private static long[] segmentSizes(Bucket bucket, BlockMeta meta) throws IOException {
    String id = meta.ulid();
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
      long size = bucket.attributes(name).size();
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
            h = IndexHeaderReader.open(headerFile);
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
    return averageSeriesSize > 0 ? (int) Math.min(DEFAULT_SERIES_SIZE, Math.max(512, 4 * averageSeriesSize))
        : DEFAULT_SERIES_SIZE;
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
