package io.thanosjvm.shipper;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipper's state file ({@code thanos.shipper.json} in the TSDB directory), Thanos' format:
 * {@code {"version": 1, "uploaded": [<ULID>, ...]}}, written as Go's tab-indented encoder writes it (an empty
 * list is {@code null}, a trailing newline). Writes go to a temporary file renamed over the old one, so a
 * crash leaves either the old or the new state.
 *
 * @param version always 1
 * @param uploaded ULIDs of the blocks shipped (or found already in the bucket), oldest first
 */
public record ShipperMetaFile(int version, List<String> uploaded) {

  /** Default file name (flag {@code --shipper.meta-file-name}). */
  public static final String DEFAULT_FILE_NAME = "thanos.shipper.json";
  /** The only supported version. */
  public static final int VERSION_1 = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Validates and copies. */
  public ShipperMetaFile {
    if (version != VERSION_1) {
      throw new IllegalArgumentException("unexpected meta file version " + version);
    }
    uploaded = List.copyOf(Objects.requireNonNull(uploaded, "uploaded"));
    for (String id : uploaded) {
      if (!BlockMeta.isUlid(id)) {
        throw new IllegalArgumentException("not a ULID in uploaded: " + id);
      }
    }
  }

  /** A version-1 state listing {@code uploaded}. */
  public static ShipperMetaFile of(List<String> uploaded) {
    return new ShipperMetaFile(VERSION_1, uploaded);
  }

  /**
   * Reads the state file.
   *
   * @throws NoSuchFileException when there is none yet
   * @throws IOException when it cannot be read, or is not valid (message names the file)
   */
  public static ShipperMetaFile read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IOException("failed to parse " + file + " as JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("failed to parse " + file + ": not a JSON object");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || version.asLong() != VERSION_1) {
      throw new IOException("unexpected meta file version " + version + " in " + file);
    }
    List<String> ids = new ArrayList<>();
    JsonNode list = root.path("uploaded");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) {
        throw new IOException(file + ": \"uploaded\" is not a list");
      }
      for (JsonNode n : list) {
        if (!n.isString() || !BlockMeta.isUlid(n.asString())) {
          throw new IOException(file + ": not a ULID in \"uploaded\": " + n);
        }
        ids.add(n.asString());
      }
    }
    return of(ids);
  }

  /** The file's text exactly as Thanos writes it. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n\t\"version\": ").append(version).append(",\n\t\"uploaded\": ");
    if (uploaded.isEmpty()) {
      sb.append("null");
    } else {
      sb.append("[\n");
      for (int i = 0; i < uploaded.size(); i++) {
        sb.append("\t\t\"").append(uploaded.get(i)).append('"').append(i + 1 < uploaded.size() ? ",\n" : "\n");
      }
      sb.append("\t]");
    }
    return sb.append("\n}\n").toString();
  }

  /** Writes the state atomically: a {@code .tmp} sibling, fsync, rename over {@code file}, fsync of the directory. */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(toJson().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // directory fsync is best effort (not supported on every file system)
    }
  }
}
