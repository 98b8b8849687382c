package io.thanosjvm.api;

import io.thanosjvm.block.metadata.BlockMeta;
import java.time.Instant;
import java.util.List;

/**
 * Thanos' {@code GET /api/v1/blocks} answer of the store gateway and compactor:
 * {@code {"blocks":[<meta.json>...],"label":"<bucket web label>","refreshedAt":"<RFC 3339>"}} in the success
 * envelope, each block as its meta.json document.
 */
public final class BlocksApi {

  private BlocksApi() {}

  /** The answer for the given blocks. */
  public static ApiResponse blocks(List<BlockMeta> metas, String label, Instant refreshedAt) {
    StringBuilder sb = new StringBuilder(256 + 1024 * metas.size()).append("{\"blocks\":[");
    for (int i = 0; i < metas.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(metas.get(i).toJson().strip());
    }
    sb.append("],\"label\":");
    PromJson.string(sb, label);
    sb.append(",\"refreshedAt\":");
    PromJson.string(sb, refreshedAt.toString());
    return ApiResponse.success(sb.append('}').toString(), List.of());
  }
}
