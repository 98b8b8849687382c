package io.thanosjvm.tools.bucket;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.ParsedArgs;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket mark --id=<ULID> ... --marker=deletion-mark.json|no-compact-mark.json|no-downsample-mark.json
 * --details=<text> [--remove]}: adds (reason {@code manual}) or removes a marker on each block. An existing
 * marker is kept; marking a block without meta.json is an error.
 */
public final class MarkCommand {

  private static final String USAGE = """
      usage: bucket mark (--objstore.config-file=<file> | --objstore.config=<yaml>) --id=<ULID> ...
                         --marker=deletion-mark.json|no-compact-mark.json|no-downsample-mark.json
                         --details=<text> [--remove]
      """;

  private final Clock clock;

  /** A command stamping markers with {@code clock}. */
  public MarkCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    MarkerKind kind;
    boolean remove;
    try {
      f = BucketArgs.parse(args, Set.of("id", "marker", "details"), Set.of("remove"), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      kind = kind(f.get("marker", ""));
      remove = f.bool("remove", false);
      if (f.all("id").isEmpty()) {
        throw new IllegalArgumentException("--id is required");
      }
      for (String id : f.all("id")) {
        if (!BlockMeta.isUlid(id)) {
          throw new IllegalArgumentException("--id is not a ULID: " + id);
        }
      }
      if (!remove && f.get("details", "").isEmpty()) {
        throw new IllegalArgumentException("--details is required when adding a marker");
      }
    } catch (IllegalArgumentException e) {
      err.println("bucket mark: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    int failures = 0;
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      Markers markers = new Markers(bucket, clock);
      for (String id : f.all("id")) {
        if (remove) {
          out.println((markers.remove(id, kind) ? "removed " : "no marker on ") + id);
        } else if (!bucket.exists(id + "/" + BlockMeta.FILE_NAME)) {
          failures++;
          err.println("bucket mark: block " + id + " not found (no meta.json)");
        } else {
          boolean added = markers.mark(id, kind, f.get("details", ""), Markers.REASON_MANUAL);
          out.println((added ? "marked " : "already marked ") + id);
        }
      }
    } catch (Exception e) {
      err.println("bucket mark: " + e.getMessage());
      return 1;
    }
    return failures == 0 ? 0 : 1;
  }

  private static MarkerKind kind(String fileName) {
    for (MarkerKind k : MarkerKind.values()) {
      if (k.fileName().equals(fileName)) {
        return k;
      }
    }
    throw new IllegalArgumentException("--marker must be deletion-mark.json, no-compact-mark.json or "
        + "no-downsample-mark.json, got \"" + fileName + "\"");
  }
}
