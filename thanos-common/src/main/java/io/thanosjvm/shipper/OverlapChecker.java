package io.thanosjvm.shipper;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Thanos' guard before shipping a compacted block: the metas of every block in the bucket with the same
 * external labels are gathered once per sync (lazily, only when a compacted block is about to be shipped),
 * and the upload is refused when the set including the new block has any time overlap (half-open ranges).
 * Bucket directories without meta.json (partial uploads) are skipped, as readers skip them.
 */
final class OverlapChecker {

  private final Bucket bucket;
  private final Map<String, String> labels;
  private List<BlockMeta> existing;

  OverlapChecker(Bucket bucket, Map<String, String> labels) {
    this.bucket = bucket;
    this.labels = labels;
  }

  /**
   * Checks {@code candidate}.
   *
   * @throws ShipperException naming the overlapping blocks
   * @throws IOException when the bucket cannot be listed or a meta.json read
   */
  void check(BlockMeta candidate) throws IOException {
    if (existing == null) {
      existing = load();
    }
    List<BlockMeta> all = new ArrayList<>(existing);
    all.add(candidate);
    all.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::ulid));
    List<String> overlaps = new ArrayList<>();
    BlockMeta widest = null;
    for (BlockMeta m : all) {
      if (widest != null && m.minTime() < widest.maxTime()) {
        overlaps.add("<ulid: " + widest.ulid() + ", mint: " + widest.minTime() + ", maxt: " + widest.maxTime()
            + "> and <ulid: " + m.ulid() + ", mint: " + m.minTime() + ", maxt: " + m.maxTime() + ">");
      }
      if (widest == null || m.maxTime() > widest.maxTime()) {
        widest = m;
      }
    }
    if (!overlaps.isEmpty()) {
      throw new ShipperException("shipping compacted block " + candidate.ulid()
          + " is blocked; overlap spotted: " + String.join(", ", overlaps), null);
    }
  }

  private List<BlockMeta> load() throws IOException {
    List<String> ids = new ArrayList<>();
    bucket.iter("", name -> {
      String id = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
      if (BlockMeta.isUlid(id)) {
        ids.add(id);
      }
    });
    List<BlockMeta> out = new ArrayList<>();
    for (String id : ids) {
      String metaName = id + "/" + BlockMeta.FILE_NAME;
      BlockMeta meta;
      try (InputStream in = bucket.get(metaName)) {
        meta = BlockMeta.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), metaName);
      } catch (IOException e) {
        if (bucket.isObjNotFound(e)) {
          continue;
        }
        throw e;
      } catch (InvalidMetaException e) {
        throw new IOException("bucket " + metaName + ": " + e.getMessage(), e);
      }
      if (meta.thanos().map(ThanosMeta::labels).orElse(Map.of()).equals(labels)) {
        out.add(meta);
      }
    }
    return out;
  }
}
