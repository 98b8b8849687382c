package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Uploads a local TSDB block directory to a bucket the way Thanos does: every {@code chunks/*} segment and
 * {@code index} (in that order, or several at a time with a files concurrency above 1), then {@code meta.json} last with the {@code thanos} section filled ({@code files},
 * {@code upload_time}, labels, source, resolution). Readers never see a half block: when any step fails,
 * meta.json has not been written and the objects already uploaded are deleted (best effort).
 * {@code tombstones} are never uploaded.
 */
public final class BlockUploader {

  private final Bucket bucket;
  private final Clock clock;
  private final int filesConcurrency;
  private final HashFunc hashFunc;

  /** An uploader into {@code bucket} sending one file at a time, stamping {@code upload_time} from {@code clock}. */
  public BlockUploader(Bucket bucket, Clock clock) {
    this(bucket, clock, 1);
  }

  /** An uploader as {@link #BlockUploader(Bucket, Clock, int)} without file hashes. */
  public BlockUploader(Bucket bucket, Clock clock, int filesConcurrency) {
    this(bucket, clock, filesConcurrency, HashFunc.NONE);
  }

  /**
   * An uploader sending up to {@code filesConcurrency} chunk/index files at a time ({@code --block-files-concurrency});
   * meta.json still goes last, after all of them have arrived. With a {@code hashFunc} ({@code --hash-func}) each
   * file's hash, computed while it is sent, is recorded in meta.json's {@code thanos.files}.
   */
  public BlockUploader(Bucket bucket, Clock clock, int filesConcurrency, HashFunc hashFunc) {
    if (filesConcurrency <= 0) {
      throw new IllegalArgumentException("block files concurrency must be > 0, got " + filesConcurrency);
    }
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.filesConcurrency = filesConcurrency;
    this.hashFunc = Objects.requireNonNull(hashFunc, "hashFunc");
  }

  /**
   * Uploads the block in {@code blockDir}; returns the meta.json written to the bucket.
   *
   * @throws InvalidBlockException when meta.json is missing or invalid, its ULID differs from the directory
   *     name, index or chunks are missing, or labels are required and empty
   * @throws IOException when the bucket fails (the partial upload is removed, meta.json never written)
   */
  public BlockMeta upload(Path blockDir, UploadOptions options) throws IOException {
    BlockMeta local = readLocalMeta(blockDir);
    String id = local.ulid();
    if (options.requireLabels() && options.labels().isEmpty()) {
      throw new InvalidBlockException(blockDir.toString(), "empty external labels are not allowed for a Thanos block");
    }
    List<BlockFile> files = gatherFiles(blockDir);
    try {
      Map<String, String> hashes = new ConcurrentHashMap<>();
      List<ParallelIo.IoTask> transfers = new ArrayList<>();
      for (BlockFile f : files) {
        transfers.add(() -> {
          Path file = blockDir.resolve(f.relPath());
          if (hashFunc != HashFunc.NONE) {
            hashes.put(f.relPath(), hash(file));
          }
          try (InputStream in = Files.newInputStream(file)) {
            bucket.upload(id + "/" + f.relPath(), in, f.sizeBytes());
          }
        });
      }
      ParallelIo.runAll(transfers, filesConcurrency);
      List<BlockFile> listed = new ArrayList<>();
      for (BlockFile f : files) {
        String hash = hashes.get(f.relPath());
        listed.add(hash == null ? f : new BlockFile(f.relPath(), f.sizeBytes(), hashFunc.flagValue(), hash));
      }
      listed.add(new BlockFile(BlockMeta.FILE_NAME, 0, null, null));
      BlockMeta uploaded = withThanosSection(local, listed, options);
      byte[] json = uploaded.toJson().getBytes(StandardCharsets.UTF_8);
      bucket.upload(id + "/" + BlockMeta.FILE_NAME, new ByteArrayInputStream(json), json.length);
      return uploaded;
    } catch (IOException | RuntimeException e) {
      cleanUp(id, e);
      throw e;
    }
  }

  /** The file's hash, read before its upload (as Thanos gathers file stats), lower-case hex. */
  private String hash(Path file) throws IOException {
    MessageDigest digest = hashFunc.newDigest();
    byte[] buf = new byte[64 << 10];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static BlockMeta readLocalMeta(Path blockDir) {
    Path metaFile = blockDir.resolve(BlockMeta.FILE_NAME);
    if (!Files.isRegularFile(metaFile)) {
      throw new InvalidBlockException(blockDir.toString(), "no meta.json");
    }
    BlockMeta meta;
    try {
      meta = BlockMeta.read(metaFile);
    } catch (IOException | InvalidMetaException e) {
      throw new InvalidBlockException(blockDir.toString(), "invalid meta.json: " + e.getMessage(), e);
    }
    Path name = blockDir.toAbsolutePath().normalize().getFileName();
    if (name == null || !meta.ulid().equals(name.toString())) {
      throw new InvalidBlockException(blockDir.toString(), "meta.json ulid " + meta.ulid()
          + " does not match the directory name");
    }
    if (!Files.isRegularFile(blockDir.resolve("index"))) {
      throw new InvalidBlockException(blockDir.toString(), "no index file");
    }
    if (!Files.isDirectory(blockDir.resolve("chunks"))) {
      throw new InvalidBlockException(blockDir.toString(), "no chunks directory");
    }
    return meta;
  }

  /** chunks/* in name order, then index, with their sizes. */
  private static List<BlockFile> gatherFiles(Path blockDir) throws IOException {
    List<BlockFile> out = new ArrayList<>();
    List<Path> segments;
    try (Stream<Path> s = Files.list(blockDir.resolve("chunks"))) {
      segments = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : segments) {
      out.add(new BlockFile("chunks/" + p.getFileName(), Files.size(p), null, null));
    }
    out.add(new BlockFile("index", Files.size(blockDir.resolve("index")), null, null));
    return out;
  }

  @SuppressWarnings("unchecked")
  private BlockMeta withThanosSection(BlockMeta local, List<BlockFile> files, UploadOptions o) {
    ThanosMeta base = local.thanos().orElseGet(() -> ThanosMeta.create(o.labels(), o.resolution(), o.source()));
    Map<String, Object> doc = local.withThanos(base.withFiles(files)).document();
    Map<String, Object> t = (Map<String, Object>) doc.get("thanos");
    t.put("labels", new TreeMap<String, Object>(o.labels()));
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("resolution", o.resolution());
    t.put("downsample", ds);
    t.put("source", o.source());
    t.put("upload_time", GoTime.rfc3339Nano(clock.instant()));
    return BlockMeta.parse(GoJson.write(doc), local.ulid() + "/" + BlockMeta.FILE_NAME);
  }

  private void cleanUp(String id, Exception cause) {
    try {
      new BlockDeleter(bucket).delete(id);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
