package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.health.BlockRepairer;
import io.thanosjvm.block.health.IndexHealth;
import io.thanosjvm.block.health.IndexHealthException;
import io.thanosjvm.block.health.IndexHealthStats;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code index_known_issues}: each block's index is downloaded (the index only, no chunks) and checked by {@link
 * IndexHealth}; a block with issues is logged ({@code msg="detected issue" id=... err=...}). With {@code --repair}
 * the block is downloaded, repaired by {@link BlockRepairer} into a new block (source {@code bucket.repair}), the
 * copy is checked again, uploaded, and only then the broken block is backed up and removed ({@link
 * BackupAndDelete}). A block that cannot be repaired is logged and left as it is.
 */
public final class IndexKnownIssues implements Issue {

  /** The issue ID. */
  public static final String ID = "index_known_issues";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean repairable() {
    return true;
  }

  @Override
  public void verify(VerifyContext ctx, Set<String> ids, boolean repair) throws IOException {
    ctx.log().info("started verifying issue", "with-repair", repair);
    for (Map.Entry<String, BlockMeta> e : ctx.metas().entrySet()) {
      String id = e.getKey();
      if (!ids.isEmpty() && !ids.contains(id)) {
        continue;
      }
      Path dir = ctx.tmpDir().resolve("index-issue-block-" + id);
      try {
        DirTrees.delete(dir);
        Files.createDirectories(dir);
        IndexHealthStats stats = IndexHealthStats.empty();
        Optional<String> problem;
        try {
          stats = gather(ctx, id, e.getValue(), dir);
          problem = stats.anyError();
        } catch (IndexHealthException | IOException | RuntimeException ex) {
          problem = Optional.of("gather index issues " + id + ": " + ex.getMessage());
        }
        if (problem.isEmpty()) {
          continue;
        }
        ctx.log().warn("detected issue", "id", id, "err", problem.get());
        if (!repair) {
          continue;
        }
        try {
          repairIndex(ctx, stats, id, e.getValue(), dir);
          ctx.log().info("all good, continuing", "id", id);
        } catch (IOException | RuntimeException ex) {
          ctx.log().error("could not repair index", "err", ex.getMessage());
        }
      } finally {
        DirTrees.delete(dir);
      }
    }
    ctx.log().info("verified issue", "with-repair", repair);
  }

  private static IndexHealthStats gather(VerifyContext ctx, String id, BlockMeta meta, Path dir)
      throws IOException, IndexHealthException {
    Path index = dir.resolve("index");
    try (InputStream in = ctx.bucket().get(id + "/index")) {
      Files.copy(in, index, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException ex) {
      throw new IOException("download index file " + id + "/index: " + ex.getMessage(), ex);
    }
    return IndexHealth.gather(index, meta.minTime(), meta.maxTime());
  }

  private static void repairIndex(VerifyContext ctx, IndexHealthStats stats, String id, BlockMeta meta, Path dir)
      throws IOException {
    if (stats.outOfOrderChunks() > stats.duplicatedChunks()) {
      ctx.log().warn("detected overlaps are not entirely by duplicated chunks. We are able to repair only "
          + "duplicates", "id", id);
    }
    if (stats.outsideChunks() > stats.completeOutsideChunks() + stats.issue347OutsideChunks()) {
      ctx.log().warn("detected outsiders are not all 'complete' outsiders or outsiders from "
          + "https://github.com/prometheus/tsdb/issues/347. We can safely delete only these outsiders", "id", id);
    }
    long resolution = meta.thanos().map(ThanosMeta::resolution).orElse(0L);
    if (resolution > 0) {
      throw new IOException("cannot repair downsampled blocks");
    }
    ctx.log().info("downloading block for repair", "id", id);
    Path original = new BlockDownloader(ctx.bucket()).download(id, dir.resolve("in"));
    ctx.log().info("downloaded block to be repaired", "id", id);
    ctx.log().info("repairing block", "id", id);
    String newId = new Ulid(ctx.clock(), new SecureRandom()).next();
    Path out = dir.resolve("out");
    BlockMeta repaired;
    try {
      repaired = BlockRepairer.repair(original, out, newId);
    } catch (IOException | RuntimeException ex) {
      throw new IOException("repair failed for block " + id + ": " + ex.getMessage(), ex);
    }
    ctx.log().info("verifying repaired block", "id", id, "newID", newId);
    Optional<String> still;
    try {
      still = IndexHealth.gather(out.resolve(newId).resolve("index"), meta.minTime(), meta.maxTime()).anyError();
    } catch (IndexHealthException ex) {
      still = Optional.of(ex.getMessage());
    }
    if (still.isPresent()) {
      throw new IOException("repaired block is invalid " + newId + ": " + still.get());
    }
    ctx.log().info("uploading repaired block", "newID", newId);
    ThanosMeta t = repaired.thanos().orElseThrow();
    new BlockUploader(ctx.bucket(), ctx.clock()).upload(out.resolve(newId),
        new UploadOptions(t.labels(), BlockRepairer.SOURCE, t.resolution(), false));
    ctx.log().info("safe deleting broken block", "id", id);
    try {
      BackupAndDelete.run(ctx, id);
    } catch (IOException ex) {
      throw new IOException("safe deleting old block " + id + " failed: " + ex.getMessage(), ex);
    }
  }
}
