package io.thanosjvm.block.metadata;

import io.thanosjvm.json.GoJson;
import io.thanosjvm.json.GoJsonException;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Thanos block marker file ({@code deletion-mark.json}, {@code no-compact-mark.json},
 * {@code no-downsample-mark.json}), version 1.
 *
 * @param kind which marker
 * @param id the block ULID
 * @param details free text (omitted when empty)
 * @param timeSeconds Unix seconds of marking ({@code deletion_time}, {@code no_compact_time} or
 *     {@code no_downsample_time})
 * @param reason the reason (no-compact and no-downsample marks only; null for deletion marks)
 */
public record Marker(MarkerKind kind, String id, String details, long timeSeconds, String reason) {

  /** The only supported marker version. */
  public static final int VERSION_1 = 1;

  /** Validates the marker. */
  public Marker {
    Objects.requireNonNull(kind, "kind");
    if (!BlockMeta.isUlid(id)) {
      throw new IllegalArgumentException("invalid block id " + id);
    }
    details = details == null ? "" : details;
    if (kind == MarkerKind.DELETION) {
      reason = null;
    } else {
      reason = reason == null ? "" : reason;
    }
  }

  /** The JSON as Thanos writes it (Go MarshalIndent, TAB indent). */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("version", (long) VERSION_1);
    if (!details.isEmpty()) {
      m.put("details", details);
    }
    m.put(kind.timeKey(), timeSeconds);
    if (kind != MarkerKind.DELETION) {
      m.put("reason", reason);
    }
    return GoJson.write(m);
  }

  /**
   * Parses a marker of the given kind.
   *
   * @throws InvalidMetaException on bad JSON, a version other than 1 or a missing/invalid id
   */
  public static Marker parse(MarkerKind kind, String json, String file) {
    Object v;
    try {
      v = GoJson.parse(json, file);
    } catch (GoJsonException e) {
      throw InvalidMetaException.of(e);
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new InvalidMetaException(file, 0, "marker is not a JSON object");
    }
    if (!(m.get("version") instanceof Long ver) || ver != VERSION_1) {
      throw new InvalidMetaException(file, -1, "unexpected marker version " + m.get("version")
          + ", only 1 is supported");
    }
    if (!(m.get("id") instanceof String id) || !BlockMeta.isUlid(id)) {
      throw new InvalidMetaException(file, -1, "missing or invalid id " + m.get("id"));
    }
    Object t = m.get(kind.timeKey());
    if (t != null && !(t instanceof Long)) {
      throw new InvalidMetaException(file, -1, kind.timeKey() + " must be an integer");
    }
    String details = m.get("details") instanceof String d ? d : "";
    String reason = m.get("reason") instanceof String r ? r : "";
    return new Marker(kind, id, details, t == null ? 0 : (Long) t, reason);
  }

  /** Reads the marker of {@code kind} from a block directory. */
  public static Marker read(Path blockDir, MarkerKind kind) throws IOException {
    Path f = blockDir.resolve(kind.fileName());
    return parse(kind, Files.readString(f, StandardCharsets.UTF_8), f.toString());
  }

  /** Writes this marker into a block directory. */
  public void write(Path blockDir) throws IOException {
    Files.writeString(blockDir.resolve(kind.fileName()), toJson(), StandardCharsets.UTF_8);
  }
}
