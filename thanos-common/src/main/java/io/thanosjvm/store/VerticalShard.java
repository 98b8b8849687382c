package io.thanosjvm.store;

import io.thanosjvm.json.GoJsonEscapes;
import io.thanosjvm.wire.storepb.ShardInfo;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shard of a vertically sharded query (Thanos' {@code storepb.ShardInfo}): keep the series whose hash over the
 * sharding labels, modulo {@code total}, is {@code index}. With {@code by}, the hash covers the listed labels;
 * without it, every label except the listed ones. Travels as {@code shard_info} on the query API (JSON, Go's field
 * names with {@code omitempty}) and as field 13 of a Series request.
 *
 * @param index this shard, from 0
 * @param total the number of shards (at least 1)
 * @param by whether {@code labels} are the labels to hash (else the labels not to hash)
 * @param labels the sharding labels
 */
public record VerticalShard(long index, long total, boolean by, List<String> labels) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Validates and copies. */
  public VerticalShard {
    if (total < 1 || index < 0 || index >= total) {
      throw new IllegalArgumentException("shard index " + index + " outside 0.." + (total - 1));
    }
    labels = List.copyOf(labels);
  }

  /** The shard of a Series request, or null when it is not sharded (absent or fewer than one shard). */
  public static VerticalShard fromWire(ShardInfo wire) {
    if (wire == null || wire.getTotalShards() < 1) {
      return null;
    }
    return new VerticalShard(wire.getShardIndex(), wire.getTotalShards(), wire.getBy(), wire.getLabelsList());
  }

  /** The wire form (Series request field 13). */
  public ShardInfo toWire() {
    return ShardInfo.newBuilder().setShardIndex(index).setTotalShards(total).setBy(by).addAllLabels(labels).build();
  }

  /**
   * Parses the {@code shard_info} query parameter as Thanos' querier does (JSON of {@code ShardInfo}, absent fields
   * zero); null for an empty parameter or zero total shards.
   *
   * @throws IllegalArgumentException when it is no such JSON object or names an impossible shard
   */
  public static VerticalShard parseJson(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid shard_info JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("shard_info must be a JSON object");
    }
    long total = integer(root, "total_shards");
    if (total < 1) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    JsonNode l = root.path("labels");
    if (!l.isMissingNode() && !l.isNull()) {
      if (!l.isArray()) {
        throw new IllegalArgumentException("shard_info labels must be an array of strings");
      }
      for (JsonNode n : l) {
        if (!n.isString()) {
          throw new IllegalArgumentException("shard_info labels must be an array of strings");
        }
        labels.add(n.asString());
      }
    }
    JsonNode by = root.path("by");
    if (!by.isMissingNode() && !by.isNull() && !by.isBoolean()) {
      throw new IllegalArgumentException("shard_info by must be a boolean");
    }
    return new VerticalShard(integer(root, "shard_index"), total, by.asBoolean(false), labels);
  }

  private static long integer(JsonNode root, String field) {
    JsonNode n = root.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException("shard_info " + field + " must be an integer");
    }
    return n.asLong();
  }

  /** The JSON Thanos' frontend sends ({@code encoding/json} of {@code ShardInfo}: zero values left out). */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    if (index != 0) {
      sb.append("\"shard_index\":").append(index).append(',');
    }
    sb.append("\"total_shards\":").append(total);
    if (by) {
      sb.append(",\"by\":true");
    }
    if (!labels.isEmpty()) {
      sb.append(",\"labels\":[");
      for (int i = 0; i < labels.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        GoJsonEscapes.quote(sb, labels.get(i));
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }
}
